using System.Numerics;
using Dashboard.Core.Api;

namespace Dashboard.Server.ReadModel;

/// <summary>
/// The figures the dashboard derives from stake and rewards, each computed here and nowhere else. Two yields, not
/// to be confused: the network's <see cref="PublishedApr"/> (what the protocol pays per locked METIS at today's
/// block rate) and a sequencer's <see cref="Apr30d"/> (what it was actually paid in the last 30 days, annualized).
/// Ratios of wei amounts are taken in floating point without rounding first.
/// </summary>
public static class StakingRules
{
    /// <summary>DelegationPool.REWARD_HEADROOM_BPS: a pool keeps 1 % of maxLock free so its rewards can compound.</summary>
    public const int PoolRewardHeadroomBps = 100;

    public static readonly double SecondsPerYear = TimeSpan.FromDays(365).TotalSeconds;

    /// <summary>A sequencer's share of all locked stake (0 when nothing is locked).</summary>
    public static double StakeShare(BigInteger locked, BigInteger totalLocked) => totalLocked.IsZero ? 0 : Ratio(locked, totalLocked);

    /// <summary>
    /// The network's published yield: rewardPerBlock × L2 blocks per year ÷ total locked, blocks per year from the
    /// average block time. Null until the inputs are known.
    /// </summary>
    public static double? PublishedApr(BigInteger? rewardPerBlock, double? blocksPerYear, BigInteger totalLocked) =>
        rewardPerBlock is { } rpb && blocksPerYear is { } perYear && !totalLocked.IsZero ? Ratio(rpb, totalLocked) * perYear : null;

    /// <summary>L2 blocks in a year at this average block time.</summary>
    public static double? BlocksPerYear(double? blockSeconds) => blockSeconds is > 0 ? SecondsPerYear / blockSeconds.Value : null;

    /// <summary>
    /// A sequencer's realized yield: its rewards of the last 30 days ÷ its stake, annualized (a sequencer younger than
    /// 30 days over its own life, at least a day). Before commission.
    /// </summary>
    public static double? Apr30d(BigInteger? rewards30d, BigInteger locked, DateTimeOffset lockedAt, DateTimeOffset now)
    {
        if (rewards30d is not { } rewards || locked.IsZero)
        {
            return null;
        }

        var days = Math.Clamp((now - lockedAt).TotalDays, 1, 30);
        return Ratio(rewards, locked) * 365 / days;
    }

    /// <summary>What a delegator keeps of <paramref name="gross"/> after the pool's commission (basis points).</summary>
    public static double? AfterCommission(double? gross, int? commissionBps) => gross is { } g ? g * (10_000 - (commissionBps ?? 0)) / 10_000 : null;

    /// <summary>
    /// What more a sequencer can take before maxLock: for a plain operator maxLock − locked; for a delegation pool what
    /// its capacity() answers — its pending reward and the headroom stay free for compounding. Zero unless active.
    /// </summary>
    public static BigInteger CapacityLeft(SequencerStatus status, BigInteger locked, BigInteger pendingReward, bool pooled, BigInteger? maxLock)
    {
        if (status != SequencerStatus.Active || maxLock is not { } max)
        {
            return BigInteger.Zero;
        }

        var used = pooled ? locked + pendingReward + max * PoolRewardHeadroomBps / 10_000 : locked;
        return BigInteger.Max(BigInteger.Zero, max - used);
    }

    // Each amount fits a double to 15-16 significant digits; the quotient keeps that precision (no truncation first).
    private static double Ratio(BigInteger numerator, BigInteger denominator) => (double)numerator / (double)denominator;
}
