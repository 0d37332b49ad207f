using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.LockingPool;

/// <summary>Admin: allows or forbids an address to lock as a sequencer owner.</summary>
[Function("setWhitelist")]
public sealed class SetWhitelistFunction
{
    [Parameter("address", "_addr", 1)]
    public Address User { get; set; }

    [Parameter("bool", "_yes", 2)]
    public bool Allowed { get; set; }
}
