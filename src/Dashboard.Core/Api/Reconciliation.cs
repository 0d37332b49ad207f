namespace Dashboard.Core.Api;

/// <summary>How a sequencer's credit in a batch compares with what it produced.</summary>
public static class CreditStatus
{
    public const string Match = "match";

    /// <summary>Credited fewer blocks than it produced in the batch's epochs.</summary>
    public const string Short = "short";

    /// <summary>Credited more blocks than it produced.</summary>
    public const string Over = "over";

    /// <summary>Credited though it produced no block in the batch's epochs (another signer's blocks).</summary>
    public const string Unearned = "unearned";

    /// <summary>Produced, not credited, because it had exited before the batch: the contract cannot pay it (explained, not a discrepancy).</summary>
    public const string Exited = "exited";

    public static bool IsDiscrepancy(string status) => status is Short or Over or Unearned;
}

/// <summary>One sequencer in one reward batch: blocks produced on L2 in the batch's epochs against blocks credited on L1.</summary>
public sealed record CreditLine
{
    public required long SequencerId { get; init; }

    public string? SequencerName { get; init; }

    /// <summary>L2 blocks it produced in the batch's epochs, from the final epoch map (recommits applied).</summary>
    public required long Produced { get; init; }

    /// <summary>Blocks the batch credited to it on L1 (batchSubmitRewards).</summary>
    public required long Credited { get; init; }

    /// <summary>Credited − produced.</summary>
    public required long Difference { get; init; }

    public required string Status { get; init; }

    public required string Explanation { get; init; }
}

/// <summary>A reward batch reconciled: every sequencer that produced in its epochs or was credited by it.</summary>
public sealed record BatchReconciliation
{
    public required long BatchId { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required long StartEpoch { get; init; }

    public required long EndEpoch { get; init; }

    [HashString]
    public required string TxHash { get; init; }

    /// <summary>Lines whose difference is not explained (short, over, unearned).</summary>
    public required int Discrepancies { get; init; }

    public required IReadOnlyList<CreditLine> Lines { get; init; }
}

/// <summary>Where a reward payout bridged from L1 stands on L2.</summary>
public static class PayoutStatus
{
    /// <summary>Its DepositFinalized is indexed on L2.</summary>
    public const string Arrived = "arrived";

    /// <summary>Not seen on L2 yet, within <see cref="PayoutReport.OverdueAfterSeconds"/> of the L1 deposit: still crossing the bridge.</summary>
    public const string Crossing = "crossing";

    /// <summary>Not seen on L2 for longer than that, though L2 is indexed past it: flagged.</summary>
    public const string Overdue = "overdue";
}

/// <summary>One reward payout: bridged on L1 (LockingInfo's ClaimRewards, a deposit to the L1 bridge) and its arrival on L2.</summary>
public sealed record BridgePayout
{
    public required long L1Block { get; init; }

    public required DateTimeOffset L1Time { get; init; }

    [HashString]
    public required string L1TxHash { get; init; }

    public required long SequencerId { get; init; }

    public string? SequencerName { get; init; }

    [AddressString]
    public required string Recipient { get; init; }

    public required System.Numerics.BigInteger Amount { get; init; }

    /// <summary>"arrived", "crossing" or "overdue" (<see cref="PayoutStatus"/>).</summary>
    public required string Status { get; init; }

    public long? L2Block { get; init; }

    public DateTimeOffset? L2Time { get; init; }

    [HashString]
    public string? L2TxHash { get; init; }

    /// <summary>From the L1 deposit's block to the L2 arrival's block (seconds).</summary>
    public int? DelaySeconds { get; init; }
}

/// <summary>A sequencer's rewards from credit on L1 to arrival on L2 (wei).</summary>
public sealed record PayoutLine
{
    public required long SequencerId { get; init; }

    public string? SequencerName { get; init; }

    /// <summary>Σ of what the reward batches credited it on L1.</summary>
    public required System.Numerics.BigInteger Credited { get; init; }

    /// <summary>Relocked into its stake instead of paid out (compounding).</summary>
    public required System.Numerics.BigInteger Compounded { get; init; }

    /// <summary>Bridged to its reward recipient (ClaimRewards on L1).</summary>
    public required System.Numerics.BigInteger Bridged { get; init; }

    /// <summary>Of that, arrived on L2.</summary>
    public required System.Numerics.BigInteger Arrived { get; init; }

    /// <summary>Bridged, not seen on L2 yet.</summary>
    public required System.Numerics.BigInteger Crossing { get; init; }

    /// <summary>Credited − compounded − bridged: still claimable on L1.</summary>
    public required System.Numerics.BigInteger NotYetClaimed { get; init; }

    /// <summary>Payouts not seen on L2 long after their deposit (flagged).</summary>
    public required int Overdue { get; init; }
}

/// <summary>Rewards across the chains: per sequencer credited → bridged → arrived, each payout with both chains' transactions.</summary>
public sealed record PayoutReport
{
    /// <summary>A payout not on L2 this long after its deposit, with L2 indexed past that time, is overdue (Metis relays deposits in minutes).</summary>
    public const int OverdueAfterSeconds = 2 * 3_600;

    public const int ListLimit = 200;

    /// <summary>The newest L2 block time indexed: arrivals after it cannot be seen yet.</summary>
    public DateTimeOffset? L2IndexedTo { get; init; }

    public required IReadOnlyList<PayoutLine> Sequencers { get; init; }

    /// <summary>Bridge delay of the arrived payouts (seconds).</summary>
    public required DurationSummary Delay { get; init; }

    public required int Crossing { get; init; }

    public required int Overdue { get; init; }

    /// <summary>Payouts of the filter, newest first (at most <see cref="ListLimit"/>).</summary>
    public required IReadOnlyList<BridgePayout> Payouts { get; init; }
}
