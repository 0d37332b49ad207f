using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.LockingPool;

/// <summary>LockingPool was unpaused. (LockingPool, L1)</summary>
[Event("Unpaused")]
public sealed class UnpausedEvent
{
    [Parameter("address", "account", 1)]
    public Address Account { get; set; }
}
