using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingPool;

/// <summary>LockingPool was unpaused. (LockingPool, L1)</summary>
[Event("Unpaused")]
public sealed class UnpausedEvent : IEventDTO
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = "";
}
