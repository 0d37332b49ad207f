using System.Numerics;
using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>What one reward batch credited to one sequencer.</summary>
public sealed class SequencerReward
{
    public long BatchId { get; set; }

    public long SequencerId { get; set; }

    public Address Signer { get; set; }

    public long Blocks { get; set; }

    public BigInteger Amount { get; set; }

    public DateTimeOffset Time { get; set; }
}
