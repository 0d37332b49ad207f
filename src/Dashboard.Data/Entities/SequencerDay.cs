using System.Numerics;

namespace Dashboard.Data.Entities;

/// <summary>One day of one sequencer, computed by the stats job.</summary>
public sealed class SequencerDay
{
    public DateOnly Day { get; set; }

    public long SequencerId { get; set; }

    public long ProducedBlocks { get; set; }

    public BigInteger Fees { get; set; }

    public BigInteger Rewards { get; set; }

    public BigInteger Locked { get; set; }
}
