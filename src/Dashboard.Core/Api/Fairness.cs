namespace Dashboard.Core.Api;

/// <summary>
/// The sandwich rule (the methodology page, #fairness): in one pool's order of swaps (block, then log index), a trade by
/// V is sandwiched when the swap right before it is by another trader A in the same direction and, after any further
/// same-direction trades by others, A swaps back the other way exactly what its first swap got — all in one epoch (one
/// sequencer orders them), the first and last at most <see cref="MaxSpanBlocks"/> blocks apart. The trader of a swap is
/// who received its output.
/// </summary>
public static class SandwichRule
{
    /// <summary>Metis' l2geth may give each transaction a block of its own: a sequencer sandwiches across consecutive blocks.</summary>
    public const int MaxSpanBlocks = 2;
}

/// <summary>A trade sandwiched by another trader in one sequencer's epoch.</summary>
public sealed record SandwichItem
{
    public required long Block { get; init; }

    public required DateTimeOffset Time { get; init; }

    [AddressString]
    public required string Pool { get; init; }

    [AddressString]
    public required string Attacker { get; init; }

    [AddressString]
    public required string Victim { get; init; }

    [HashString]
    public required string VictimTx { get; init; }

    [HashString]
    public required string FrontTx { get; init; }

    [HashString]
    public required string BackTx { get; init; }

    public required long EpochId { get; init; }

    public required long SequencerId { get; init; }

    public string? SequencerName { get; init; }
}

/// <summary>How one sequencer ordered what it produced in a window (or in one epoch).</summary>
public sealed record FairnessLine
{
    public required long SequencerId { get; init; }

    public string? SequencerName { get; init; }

    /// <summary>For a sequencer's epoch lines: the epoch.</summary>
    public long? EpochId { get; init; }

    /// <summary>Blocks with at least one transaction the sequencer ordered (not the MPC's calls, not deposits from L1).</summary>
    public required long OrderedBlocks { get; init; }

    /// <summary>Of those, blocks whose first ordered transaction the sequencer itself sent (signer, owner, reward recipient, pool operator).</summary>
    public required long OwnFirstBlocks { get; init; }

    public required double OwnFirstShare { get; init; }

    /// <summary>Blocks with two or more ordered transactions, and of those the blocks where a lower gas price came before a higher one.</summary>
    public required long MultiTxBlocks { get; init; }

    public required long AgainstFeeBlocks { get; init; }

    public required double AgainstFeeShare { get; init; }

    public required int Sandwiches { get; init; }

    /// <summary>Deposits from L1 (reward payouts) it included, and the delay from the L1 deposit to its L2 block.</summary>
    public required DurationSummary DepositDelay { get; init; }
}

/// <summary>Sequencing fairness (the MEV watch) over a window: per sequencer, or per epoch of one sequencer, and the sandwiches found.</summary>
public sealed record FairnessReport
{
    public required string Window { get; init; }

    public long? SequencerId { get; init; }

    /// <summary>The newest L2 block the stats job has looked at.</summary>
    public long? CheckedThroughBlock { get; init; }

    /// <summary>Network-wide: one line per sequencer; for one sequencer: one line per epoch (newest first).</summary>
    public required IReadOnlyList<FairnessLine> Lines { get; init; }

    /// <summary>Newest first, at most <see cref="ListLimit"/>.</summary>
    public required IReadOnlyList<SandwichItem> Sandwiches { get; init; }

    public required int SandwichCount { get; init; }

    public const int ListLimit = 200;
}
