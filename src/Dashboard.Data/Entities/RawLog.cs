using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>A log of one of our contracts, as the node returned it.</summary>
public sealed class RawLog
{
    public long ChainId { get; set; }

    public Hash32 BlockHash { get; set; }

    public int LogIndex { get; set; }

    public long BlockNumber { get; set; }

    public DateTimeOffset BlockTime { get; set; }

    public Hash32 TransactionHash { get; set; }

    public int TransactionIndex { get; set; }

    public Address Address { get; set; }

    public Hash32? Topic0 { get; set; }

    public Hash32? Topic1 { get; set; }

    public Hash32? Topic2 { get; set; }

    public Hash32? Topic3 { get; set; }

    public byte[] Data { get; set; } = [];
}
