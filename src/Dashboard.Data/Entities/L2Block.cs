using System.Numerics;
using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>An L2 block header with its fees and the epoch that produced it.</summary>
public sealed class L2Block
{
    public long Number { get; set; }

    public Hash32 Hash { get; set; }

    public Hash32 ParentHash { get; set; }

    public DateTimeOffset Time { get; set; }

    public long GasUsed { get; set; }

    public int TxCount { get; set; }

    public BigInteger Fees { get; set; }

    public long? EpochId { get; set; }

    /// <summary>The sequencer whose signature the block's transactions carry (Metis' seqR/seqS/seqV); null when none does.</summary>
    public Address? Producer { get; set; }
}
