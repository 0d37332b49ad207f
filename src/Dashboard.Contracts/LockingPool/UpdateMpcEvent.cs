using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingPool;

/// <summary>The MPC address (which submits reward batches) changed. (LockingPool, L1)</summary>
[Event("UpdateMpc")]
public sealed class UpdateMpcEvent : IEventDTO
{
    [Parameter("address", "_newMpc", 1)]
    public string NewMpc { get; set; } = "";
}
