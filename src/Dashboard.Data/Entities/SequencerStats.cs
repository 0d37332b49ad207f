using System.Numerics;

namespace Dashboard.Data.Entities;

/// <summary>Rolling figures of one sequencer over one time window.</summary>
public sealed class SequencerStats
{
    public long SequencerId { get; set; }

    public string TimeWindow { get; set; } = "";

    public long AssignedBlocks { get; set; }

    public long ProducedBlocks { get; set; }

    public double? Uptime { get; set; }

    public int Incidents { get; set; }

    public BigInteger Rewards { get; set; }

    public BigInteger Fees { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}
