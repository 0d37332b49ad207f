using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Admin allowed or forbade an address to lock as a sequencer owner. (LockingPool, L1)</summary>
[Event("SetWhitelist")]
public sealed class SetWhitelistEvent : IEventDTO
{
    [Parameter("address", "_user", 1)]
    public string User { get; set; } = "";

    [Parameter("bool", "_yes", 2)]
    public bool Yes { get; set; }
}
