using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingPool;

/// <summary>LockingPool was paused: locks, relocks, withdrawals and unlocks revert. (LockingPool, L1)</summary>
[Event("Paused")]
public sealed class PausedEvent : IEventDTO
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = "";
}
