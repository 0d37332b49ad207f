using System.Numerics;

namespace Dashboard.Core.Api;

/// <summary>A stretch of downtime counted against a sequencer.</summary>
public sealed record IncidentItem
{
    public required long Id { get; init; }

    /// <summary>
    /// "recommit" (the MPC gave the epoch to another sequencer), "gap" (a stall inside the epoch) or "wrong-producer"
    /// (a block of the epoch signed by another sequencer: see <see cref="Producer"/>).
    /// </summary>
    public required string Kind { get; init; }

    public long? SequencerId { get; init; }

    public string? SequencerName { get; init; }

    [AddressString]
    public required string Signer { get; init; }

    public required long EpochId { get; init; }

    public required long FromBlock { get; init; }

    public required long ToBlock { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset EndedAt { get; init; }

    public required int DurationSeconds { get; init; }

    public required long LostBlocks { get; init; }

    /// <summary>For "wrong-producer": the address whose signature the block carries instead of the epoch's signer.</summary>
    [AddressString]
    public string? Producer { get; init; }
}

/// <summary>How much downtime one sequencer had in a window.</summary>
public sealed record IncidentCount(long? SequencerId, string? SequencerName, int Incidents, long DowntimeSeconds, long LostBlocks);

/// <summary>One change of a sequencer's stake.</summary>
public sealed record StakeEventItem
{
    public required long Block { get; init; }

    public required DateTimeOffset Time { get; init; }

    [HashString]
    public required string TxHash { get; init; }

    /// <summary>"lock", "relock", "compound", "withdraw" or "exit".</summary>
    public required string Kind { get; init; }

    /// <summary>The change in wei (negative for withdrawals).</summary>
    public required BigInteger Amount { get; init; }

    public required BigInteger LockedAfter { get; init; }

    /// <summary>The part of a relock that came from the pending reward.</summary>
    public required BigInteger FromReward { get; init; }
}

/// <summary>A reward batch the MPC submitted.</summary>
public sealed record RewardBatchItem
{
    public required long BatchId { get; init; }

    public required long StartEpoch { get; init; }

    public required long EndEpoch { get; init; }

    public required BigInteger Amount { get; init; }

    public required BigInteger RewardPerBlock { get; init; }

    public required long Block { get; init; }

    public required DateTimeOffset Time { get; init; }

    [HashString]
    public required string TxHash { get; init; }

    public required int Sequencers { get; init; }

    public required long Blocks { get; init; }
}

/// <summary>What one batch credited to one sequencer.</summary>
public sealed record RewardShareItem
{
    public required long BatchId { get; init; }

    public required long SequencerId { get; init; }

    public string? SequencerName { get; init; }

    [AddressString]
    public required string Signer { get; init; }

    public required long Blocks { get; init; }

    public required BigInteger Amount { get; init; }

    public required DateTimeOffset Time { get; init; }
}

/// <summary>Rewards paid out to a sequencer's L2 recipient.</summary>
public sealed record RewardClaimItem
{
    public required long Block { get; init; }

    public required DateTimeOffset Time { get; init; }

    [HashString]
    public required string TxHash { get; init; }

    [AddressString]
    public required string Recipient { get; init; }

    public required BigInteger Amount { get; init; }
}

/// <summary>A signer a sequencer had or has.</summary>
public sealed record SignerItem
{
    [AddressString]
    public required string Address { get; init; }

    public required long SinceBlock { get; init; }

    public required DateTimeOffset SinceTime { get; init; }

    public long? RetiredBlock { get; init; }

    public DateTimeOffset? RetiredTime { get; init; }
}

/// <summary>A delegator's position in a pool.</summary>
public sealed record DelegatorItem
{
    [AddressString]
    public required string Pool { get; init; }

    public long? SequencerId { get; init; }

    public string? SequencerName { get; init; }

    [AddressString]
    public required string Delegator { get; init; }

    public required BigInteger Shares { get; init; }

    /// <summary>The stake the shares stand for (shares × the pool's exchange rate).</summary>
    public required BigInteger Stake { get; init; }

    public required BigInteger Delegated { get; init; }

    public required BigInteger Undelegated { get; init; }

    public required BigInteger RewardsClaimed { get; init; }

    public required BigInteger Restaked { get; init; }

    public required long FirstBlock { get; init; }
}

/// <summary>An unbonding entry (or a reward claim waiting to be withdrawn).</summary>
public sealed record UnbondingItem
{
    [AddressString]
    public required string Pool { get; init; }

    public long? SequencerId { get; init; }

    [AddressString]
    public required string Delegator { get; init; }

    public required long Nonce { get; init; }

    public required BigInteger Amount { get; init; }

    public required bool IsReward { get; init; }

    public required DateTimeOffset CreatedTime { get; init; }

    public required DateTimeOffset WithdrawableAt { get; init; }

    public DateTimeOffset? WithdrawnTime { get; init; }

    /// <summary>"unbonding", "withdrawable" or "withdrawn".</summary>
    public required string State { get; init; }
}

/// <summary>One delegator action.</summary>
public sealed record DelegationEventItem
{
    public required long Block { get; init; }

    public required DateTimeOffset Time { get; init; }

    [HashString]
    public required string TxHash { get; init; }

    [AddressString]
    public required string Pool { get; init; }

    [AddressString]
    public required string Delegator { get; init; }

    public required string Kind { get; init; }

    public required BigInteger Amount { get; init; }

    public long? Nonce { get; init; }
}

/// <summary>One day of one sequencer: blocks produced and their fees (counted on the day the epoch ended), rewards credited, stake at the end of the day.</summary>
public sealed record SequencerDayItem(DateOnly Day, long ProducedBlocks, BigInteger Fees, BigInteger Rewards, BigInteger Locked);

/// <summary>A reward batch and what it credited to each sequencer.</summary>
public sealed record RewardBatchDetail(RewardBatchItem Batch, IReadOnlyList<RewardShareItem> Shares);

/// <summary>One epoch of a sequencer, compact, for the production heatmap over the whole history.</summary>
public sealed record ProductionCell(long Epoch, DateTimeOffset Start, long Assigned, long Produced, bool Recommitted, bool Running = false);

/// <summary>Everything known about an address: as delegator, as sequencer owner, signer or pool.</summary>
public sealed record AddressActivity
{
    [AddressString]
    public required string Address { get; init; }

    public IReadOnlyList<long> SequencerIds { get; init; } = [];

    public required IReadOnlyList<DelegatorItem> Positions { get; init; }

    public required IReadOnlyList<UnbondingItem> Unbondings { get; init; }

    public required IReadOnlyList<DelegationEventItem> History { get; init; }
}

/// <summary>What a search found: each match with where it lives in the UI and the API.</summary>
public sealed record SearchResult(string Query, IReadOnlyList<SearchMatch> Matches);

public sealed record SearchMatch(string Kind, string Title, string Link, string ApiPath);

/// <summary>
/// One governance change of a contract parameter, with a sentence that explains it ("Reward per block raised from 0.8
/// to 1 METIS"). Values are as the event gives them: decimal wei or seconds, or an address.
/// </summary>
public sealed record ParameterChangeItem
{
    /// <summary>"L1" or "L2".</summary>
    public required string Chain { get; init; }

    public required long BlockNumber { get; init; }

    public required int LogIndex { get; init; }

    public required DateTimeOffset Time { get; init; }

    [HashString]
    public required string TxHash { get; init; }

    /// <summary>LockingPool, LockingInfo or MetisSequencerSet.</summary>
    public required string Contract { get; init; }

    /// <summary>rewardPerBlock, minLock, maxLock, exitDelay, signerUpdateThrottle, mpc, rewardPayer, paused, whitelist, epochLength or implementation.</summary>
    public required string Parameter { get; init; }

    /// <summary>The account a whitelist change is about.</summary>
    [AddressString]
    public string? Subject { get; init; }

    /// <summary>The value before, where the event gives it.</summary>
    public string? OldValue { get; init; }

    public required string NewValue { get; init; }

    public required string Description { get; init; }
}
