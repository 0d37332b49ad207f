namespace Dashboard.Ethereum.Rpc;

/// <summary>An <c>eth_getLogs</c> filter over an inclusive block range.</summary>
public sealed record LogFilter(long FromBlock, long ToBlock, IReadOnlyList<Address> Addresses)
{
    /// <summary>topic0 alternatives (any of these event signatures); empty means all events.</summary>
    public IReadOnlyList<Hash32> Topic0 { get; init; } = [];
}
