using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Admin: allows or forbids an address to lock as a sequencer owner.</summary>
[Function("setWhitelist")]
public sealed class SetWhitelistFunction : FunctionMessage
{
    [Parameter("address", "_addr", 1)]
    public string User { get; set; } = "";

    [Parameter("bool", "_yes", 2)]
    public bool Allowed { get; set; }
}
