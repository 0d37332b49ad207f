using System.Numerics;

namespace Dashboard.Core.Api;

/// <summary>The network at a glance, with the yield's inputs so anyone can redo the arithmetic.</summary>
public sealed record NetworkOverview
{
    public required string Network { get; init; }

    public required BigInteger TotalLocked { get; init; }

    public required int ActiveSequencers { get; init; }

    public required int InactiveSequencers { get; init; }

    public required int ExitedSequencers { get; init; }

    /// <summary>Reward batches whose credits differ from the blocks produced in their epochs, unexplained, as of the last stats run (see /api/reward-batches/reconciliation).</summary>
    public int MiscreditedBatches { get; init; }

    public EpochItem? CurrentEpoch { get; init; }

    public long? L2Height { get; init; }

    public DateTimeOffset? L2HeightTime { get; init; }

    /// <summary>Average L2 block time over the last 7 days, in seconds.</summary>
    public double? BlockTimeSeconds { get; init; }

    public required BigInteger Fees24h { get; init; }

    public required BigInteger Fees7d { get; init; }

    /// <summary>Rewards credited by all reward batches.</summary>
    public required BigInteger RewardsPaid { get; init; }

    public required long RewardBatches { get; init; }

    public double? Uptime24h { get; init; }

    public double? Uptime7d { get; init; }

    public required int Incidents7d { get; init; }

    public BigInteger? MinLock { get; init; }

    public BigInteger? MaxLock { get; init; }

    public long? ExitDelaySeconds { get; init; }

    public long? EpochLength { get; init; }

    public bool Paused { get; init; }

    public required NetworkYield Yield { get; init; }
}

/// <summary>
/// The published yield: rewardPerBlock × L2 blocks per year ÷ total locked, from live chain data.
/// Blocks per year come from the average block time of the last 7 days.
/// </summary>
public sealed record NetworkYield
{
    /// <summary>The published rate (what the protocol pays per locked METIS at today's block rate); a sequencer's realized yield is its <see cref="SequencerSummary.Apr30d"/>.</summary>
    public double? PublishedApr { get; init; }

    public BigInteger? RewardPerBlock { get; init; }

    public double? BlocksPerYear { get; init; }

    /// <summary>
    /// The average L2 block time the yield is computed with: over the last 7 days, or since the reward per block last
    /// changed when that is more recent (see <see cref="BlockTimeSince"/>), so one reward is never paired with the block
    /// rate of another regime.
    /// </summary>
    public double? BlockTimeSeconds { get; init; }

    /// <summary>Where the block-time window starts: 7 days before the newest block, or the last change of the reward per block.</summary>
    public DateTimeOffset? BlockTimeSince { get; init; }

    public required BigInteger TotalLocked { get; init; }

    public string Formula { get; init; } = "rewardPerBlock × L2 blocks per year ÷ total locked";
}

/// <summary>One day of the network's history.</summary>
public sealed record NetworkDay
{
    public required DateOnly Day { get; init; }

    public required long Blocks { get; init; }

    public required long TxCount { get; init; }

    public required BigInteger Fees { get; init; }

    public required BigInteger Rewards { get; init; }

    public required BigInteger TotalLocked { get; init; }

    public double? BlockTimeSeconds { get; init; }

    public required int Incidents { get; init; }
}
