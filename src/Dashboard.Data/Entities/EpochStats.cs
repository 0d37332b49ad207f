using System.Numerics;

namespace Dashboard.Data.Entities;

/// <summary>What the L2 blocks of one epoch add up to.</summary>
public sealed class EpochStats
{
    public long EpochId { get; set; }

    public long Blocks { get; set; }

    public long TxCount { get; set; }

    public decimal GasUsed { get; set; }

    public BigInteger Fees { get; set; }

    public DateTimeOffset? FirstTime { get; set; }

    public DateTimeOffset? LastTime { get; set; }

    public int MaxGapSeconds { get; set; }
}
