namespace Dashboard.Ethereum.Rpc;

/// <summary>An <c>eth_getLogs</c> filter over an inclusive block range.</summary>
public sealed record LogFilter(long FromBlock, long ToBlock, IReadOnlyList<Address> Addresses)
{
    /// <summary>topic0 alternatives (any of these event signatures); empty means all events.</summary>
    public IReadOnlyList<Hash32> Topic0 { get; init; } = [];

    /// <summary>Required values of topic1..topic3 by position (index 0 is topic1); null means any.</summary>
    public IReadOnlyList<Hash32?> IndexedTopics { get; init; } = [];

    /// <summary>An indexed address parameter as its topic: the address left-padded to 32 bytes.</summary>
    public static Hash32 AddressTopic(Address address)
    {
        var word = new byte[32];
        address.WriteTo(word.AsSpan(12));
        return new Hash32(word);
    }
}
