using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.LockingPool;

/// <summary>The MPC address (which submits reward batches) changed. (LockingPool, L1)</summary>
[Event("UpdateMpc")]
public sealed class UpdateMpcEvent
{
    [Parameter("address", "_newMpc", 1)]
    public Address NewMpc { get; set; }
}
