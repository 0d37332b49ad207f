using System.Numerics;

namespace Dashboard.Core.Api;

/// <summary>Everything the sequencer page shows at the top: identity, stake, rewards, pool and rolling figures.</summary>
public sealed record SequencerDetail
{
    public required SequencerSummary Summary { get; init; }

    public string? Url { get; init; }

    /// <summary>The operator's own description: from their profile on this dashboard, else from the metadata list.</summary>
    public string? Description { get; init; }

    /// <summary>When the operator's profile was last edited, and by which account (null: no profile, the list speaks).</summary>
    public DateTimeOffset? ProfileEditedAt { get; init; }

    [AddressString]
    public string? ProfileEditedBy { get; init; }

    public required BigInteger PendingReward { get; init; }

    public required BigInteger ClaimedReward { get; init; }

    public required BigInteger CompoundedReward { get; init; }

    public required long Nonce { get; init; }

    public DateTimeOffset? DeactivationTime { get; init; }

    /// <summary>When the principal can be claimed after an unlock (the exit delay).</summary>
    public DateTimeOffset? UnlockClaimTime { get; init; }

    public DateTimeOffset? ExitedAt { get; init; }

    public required int SignerChanges { get; init; }

    public PoolInfo? Pool { get; init; }

    /// <summary>24h, 7d, 30d and all-time figures.</summary>
    public required IReadOnlyList<WindowStats> Stats { get; init; }
}

/// <summary>A delegation pool's terms and totals.</summary>
public sealed record PoolInfo
{
    [AddressString]
    public required string Address { get; init; }

    [AddressString]
    public string? Operator { get; init; }

    public required int CommissionBps { get; init; }

    public int? PendingCommissionBps { get; init; }

    public DateTimeOffset? CommissionEffectiveAt { get; init; }

    public required BigInteger TotalStaked { get; init; }

    public required BigInteger TotalShares { get; init; }

    public required BigInteger RewardsHarvested { get; init; }

    public required BigInteger CommissionEarned { get; init; }

    public long? UnbondingDelaySeconds { get; init; }

    public required int Delegators { get; init; }
}

/// <summary>A sequencer's figures over one window.</summary>
public sealed record WindowStats
{
    /// <summary>"24h", "7d", "30d" or "all".</summary>
    public required string Window { get; init; }

    public required long AssignedBlocks { get; init; }

    public required long ProducedBlocks { get; init; }

    public double? Uptime { get; init; }

    public required int Incidents { get; init; }

    public required BigInteger Rewards { get; init; }

    public required BigInteger Fees { get; init; }
}
