using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.LockingPool;

/// <summary>Admin allowed or forbade an address to lock as a sequencer owner. (LockingPool, L1)</summary>
[Event("SetWhitelist")]
public sealed class SetWhitelistEvent
{
    [Parameter("address", "_user", 1)]
    public Address User { get; set; }

    [Parameter("bool", "_yes", 2)]
    public bool Yes { get; set; }
}
