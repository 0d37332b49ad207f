using System.Numerics;

namespace Dashboard.Core.Api;

/// <summary>One row of the sequencers leaderboard.</summary>
public sealed record SequencerSummary
{
    /// <summary>LockingPool sequencer id (starts at 1).</summary>
    public required long Id { get; init; }

    /// <summary>Display name from the configured metadata list, when there is one.</summary>
    public string? Name { get; init; }

    public string? Avatar { get; init; }

    /// <summary>Where <see cref="Name"/> comes from: "operator" (the operator's profile on this dashboard) or "list" (the published metadata list).</summary>
    public string? NameSource { get; init; }

    /// <summary>The liquid-staking token this sequencer's stake backs, from the metadata list (e.g. "Artemis"), and where it is minted.</summary>
    public string? LiquidStaking { get; init; }

    public string? LiquidStakingUrl { get; init; }

    /// <summary>The key that signs L2 blocks.</summary>
    [AddressString]
    public required string Signer { get; init; }

    /// <summary>The account that controls the stake (an EOA or a delegation pool).</summary>
    [AddressString]
    public string? Owner { get; init; }

    /// <summary>Where rewards are paid on L2.</summary>
    [AddressString]
    public string? RewardRecipient { get; init; }

    /// <summary>The delegation pool that owns the sequencer, when token holders can delegate to it.</summary>
    [AddressString]
    public string? Pool { get; init; }

    public required SequencerStatus Status { get; init; }

    /// <summary>Currently locked stake, in wei (decimal string in JSON).</summary>
    public required BigInteger Locked { get; init; }

    /// <summary>Locked ÷ total locked of all sequencers.</summary>
    public double StakeShare { get; init; }

    /// <summary>Produced ÷ assigned blocks of its finalized epochs that ended in the last 24 hours / 7 / 30 days (null: none).</summary>
    public double? Uptime24h { get; init; }

    public double? Uptime7d { get; init; }

    public double? Uptime30d { get; init; }

    /// <summary>L2 blocks produced in finalized epochs, all time.</summary>
    public long BlocksProduced { get; init; }

    /// <summary>Downtime incidents in the last 7 days (recommits and stalls).</summary>
    public int Incidents7d { get; init; }

    /// <summary>Rewards credited by reward batches, all time, in wei.</summary>
    public BigInteger Rewards { get; init; }

    /// <summary>Delegation pool commission in basis points (null: not a pool).</summary>
    public int? CommissionBps { get; init; }

    /// <summary>How much more can be locked before maxLock, in wei.</summary>
    public BigInteger CapacityLeft { get; init; }

    /// <summary>
    /// The sequencer's realized yield: its rewards of the last 30 days ÷ its locked stake, annualized, before
    /// commission (null: not enough data). Not the network's published rate (<see cref="NetworkYield.PublishedApr"/>).
    /// </summary>
    public double? Apr30d { get; init; }

    /// <summary>What delegators of its pool keep of <see cref="Apr30d"/> after the pool's commission (null: not a pool).</summary>
    public double? NetApr30d { get; init; }

    /// <summary>The reward batch from which the sequencer counts as active.</summary>
    public required long ActivationBatch { get; init; }

    /// <summary>L1 block and time of the first lock.</summary>
    public required long LockedAtBlock { get; init; }

    public required DateTimeOffset LockedAt { get; init; }
}
