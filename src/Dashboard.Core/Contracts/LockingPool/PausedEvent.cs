using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.LockingPool;

/// <summary>LockingPool was paused: locks, relocks, withdrawals and unlocks revert. (LockingPool, L1)</summary>
[Event("Paused")]
public sealed class PausedEvent
{
    [Parameter("address", "account", 1)]
    public Address Account { get; set; }
}
