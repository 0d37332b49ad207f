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

    /// <summary>
    /// Transactions the sequencer ordered (not the MPC's calls to the sequencer set, not deposits from L1, which pay no
    /// gas); null where the block was indexed without its transactions.
    /// </summary>
    public int? OrderedTxs { get; set; }

    /// <summary>The sender of the first ordered transaction.</summary>
    public Address? FirstSender { get; set; }

    /// <summary>Adjacent ordered transactions where the later one offered a higher gas price than the earlier: 0 when ordered by fee.</summary>
    public int? FeeInversions { get; set; }
}
