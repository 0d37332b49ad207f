using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Proxy;

/// <summary>ERC-1967 <c>Upgraded(address indexed implementation)</c>: the Metis contracts are proxies, and governance upgrades them.</summary>
[Event("Upgraded")]
public sealed class UpgradedEvent : IEventDTO
{
    [Parameter("address", "implementation", 1, true)]
    public string Implementation { get; set; } = "";
}
