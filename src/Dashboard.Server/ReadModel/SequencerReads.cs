using System.Numerics;
using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Server.Api;
using Dashboard.Server.Directory;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.ReadModel;

/// <summary>Sequencers with their rolling figures (the leaderboard's rows), assembled from a few small tables in memory.</summary>
public static class SequencerReads
{
    public static async Task<List<SequencerSummary>> SummariesAsync(DashboardDb db, SequencerDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        var names = await directory.GetAsync(cancellationToken);
        var sequencers = await db.Sequencers.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var stats = (await db.SequencerStats.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(s => s.SequencerId);
        var pools = await db.Pools.AsNoTracking().ToDictionaryAsync(p => p.Address, cancellationToken);
        var state = await db.NetworkState.AsNoTracking().SingleAsync(cancellationToken);
        var totalLocked = sequencers.Aggregate(BigInteger.Zero, (sum, s) => sum + s.Locked);
        var now = clock.GetUtcNow();
        return sequencers.Select(s => Summary(s, stats[s.Id].ToDictionary(x => x.TimeWindow), s.Pool is { } p ? pools.GetValueOrDefault(p) : null, totalLocked, state.MaxLock, names, now)).ToList();
    }

    /// <summary>One sequencer's summary, with the rows it was built from (its rolling figures and its pool) for a detail view to reuse.</summary>
    public static async Task<(SequencerSummary Summary, Dictionary<string, SequencerStats> Stats, PoolRow? Pool)> SummaryAsync(SequencerRow row, DashboardDb db,
        SequencerDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        var names = await directory.GetAsync(cancellationToken);
        var stats = await db.SequencerStats.AsNoTracking().Where(s => s.SequencerId == row.Id).ToDictionaryAsync(s => s.TimeWindow, cancellationToken);
        var pool = row.Pool is { } address ? await db.Pools.AsNoTracking().FirstOrDefaultAsync(p => p.Address == address, cancellationToken) : null;
        var state = await db.NetworkState.AsNoTracking().SingleAsync(cancellationToken);
        var locked = await db.Sequencers.Select(s => s.Locked).ToListAsync(cancellationToken);
        return (Summary(row, stats, pool, locked.Aggregate(BigInteger.Zero, (sum, x) => sum + x), state.MaxLock, names, clock.GetUtcNow()), stats, pool);
    }

    private static SequencerSummary Summary(SequencerRow s, Dictionary<string, SequencerStats> stats, PoolRow? pool, BigInteger totalLocked, BigInteger? maxLock,
        SequencerDirectory.Snapshot names, DateTimeOffset now)
    {
        var entry = names.ById.GetValueOrDefault(s.Id);
        var month = stats.GetValueOrDefault(TimeWindows.Month);
        var apr = StakingRules.Apr30d(month?.Rewards, s.Locked, s.LockedAt, now);
        return new SequencerSummary
        {
            Id = s.Id,
            Name = entry?.Name,
            Avatar = entry?.Metadata?.Avatar,
            NameSource = entry?.Source,
            LiquidStaking = entry?.Metadata?.LiquidStaking,
            LiquidStakingUrl = entry?.Metadata?.LiquidStakingUrl,
            Signer = ApiStrings.Of(s.Signer),
            Owner = ApiStrings.Of(s.Owner),
            RewardRecipient = ApiStrings.Of(s.RewardRecipient),
            Pool = ApiStrings.Of(s.Pool),
            Status = s.Status,
            Locked = s.Locked,
            StakeShare = StakingRules.StakeShare(s.Locked, totalLocked),
            Uptime24h = stats.GetValueOrDefault(TimeWindows.Day)?.Uptime,
            Uptime7d = stats.GetValueOrDefault(TimeWindows.Week)?.Uptime,
            Uptime30d = month?.Uptime,
            BlocksProduced = stats.GetValueOrDefault(TimeWindows.All)?.ProducedBlocks ?? 0,
            Incidents7d = stats.GetValueOrDefault(TimeWindows.Week)?.Incidents ?? 0,
            Rewards = s.AccruedReward,
            CommissionBps = pool?.CommissionBps,
            CapacityLeft = StakingRules.CapacityLeft(s.Status, s.Locked, s.PendingReward, pool is not null, maxLock),
            Apr30d = apr,
            NetApr30d = pool is null ? null : StakingRules.AfterCommission(apr, pool.CommissionBps),
            ActivationBatch = s.ActivationBatch,
            LockedAtBlock = s.LockedAtBlock,
            LockedAt = s.LockedAt,
        };
    }

    /// <summary>Every signer key the sequencer had (its epochs and incidents are found by them); null for an unknown sequencer.</summary>
    public static async Task<List<Ethereum.Address>?> SignersOfAsync(long id, DashboardDb db, CancellationToken cancellationToken)
    {
        var signers = await db.Signers.AsNoTracking().Where(s => s.SequencerId == id).Select(s => s.Address).ToListAsync(cancellationToken);
        return signers.Count == 0 ? null : signers;
    }
}
