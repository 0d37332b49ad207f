using System.Numerics;

namespace Dashboard.Core.Api;

/// <summary>An epoch of the L2 schedule: who it was assigned to and what was produced.</summary>
public sealed record EpochItem
{
    public required long Id { get; init; }

    [AddressString]
    public required string Signer { get; init; }

    public long? SequencerId { get; init; }

    public string? SequencerName { get; init; }

    public required long StartBlock { get; init; }

    public required long EndBlock { get; init; }

    /// <summary>The end the epoch was committed (or recommitted) with.</summary>
    public required long AssignedEndBlock { get; init; }

    public required long AssignedBlocks { get; init; }

    /// <summary>Blocks produced so far (for a running epoch) or in all (for a finished one).</summary>
    public required long ProducedBlocks { get; init; }

    /// <summary>"upcoming", "running" or "finished".</summary>
    public required string State { get; init; }

    /// <summary>
    /// Touched by a recommit, either way: cut short (<see cref="CutAtBlock"/>: its sequencer stalled) or created by one
    /// (<see cref="TookOver"/>: its sequencer took over from one that stalled). The same as the list's
    /// <c>recommitted=true</c> filter and as the UI's "recommitted" badges.
    /// </summary>
    public required bool Recommitted { get; init; }

    /// <summary>A recommit cut this epoch short at this block: its sequencer stopped producing and lost the rest.</summary>
    public long? CutAtBlock { get; init; }

    /// <summary>This epoch was created by a recommit: its sequencer took over from one that stalled.</summary>
    public bool TookOver { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    public long TxCount { get; init; }

    public BigInteger Fees { get; init; }

    public int MaxGapSeconds { get; init; }
}
