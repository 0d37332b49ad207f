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
