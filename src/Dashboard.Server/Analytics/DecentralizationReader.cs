using System.Numerics;
using Dashboard.Core.Analytics;
using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Ethereum;
using Dashboard.Server.Directory;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Analytics;

/// <summary>
/// Decentralization from the indexed data: stake of the active sequencers now, blocks produced in a window (the
/// rolling figures' finalized epochs), both by operating entity and by sequencer; the epochs each sequencer was drawn
/// for against its stake share at each draw; and the same concentration figures per day from the daily rollups.
/// </summary>
public sealed class DecentralizationReader(DashboardDb db, SequencerDirectory directory, OperatingEntities entities, TimeProvider clock)
{
    /// <summary>|z| at most this is "within chance" (two-sided 95 %).</summary>
    public const double ChanceZ = 1.96;

    public async Task<DecentralizationReport> ReportAsync(string window, CancellationToken cancellationToken)
    {
        var span = TimeWindows.Rolling.Single(w => w.Name == window).Span;
        var names = await directory.GetAsync(cancellationToken);
        var entityOf = await EntitiesAsync(names, cancellationToken);
        var sequencers = await db.Sequencers.AsNoTracking().Select(s => new { s.Id, s.Status, s.Locked }).ToListAsync(cancellationToken);
        var stats = await db.SequencerStats.AsNoTracking().Where(s => s.TimeWindow == window).ToListAsync(cancellationToken);
        var computedAt = stats.Count > 0 ? stats.Max(s => s.ComputedAt) : clock.GetUtcNow();
        var blocks = stats.ToDictionary(s => s.SequencerId, s => s.ProducedBlocks);
        var stake = sequencers.ToDictionary(s => s.Id, s => s.Status == SequencerStatus.Active ? s.Locked : BigInteger.Zero);

        var rows = sequencers.Select(s => s.Id).Union(blocks.Keys).Distinct()
            .Select(id => (Id: id, Entity: entityOf.GetValueOrDefault(id) ?? new OperatingEntities.Entity($"Sequencer #{id}", OperatingEntities.Sources.Own),
                Stake: stake.GetValueOrDefault(id), Blocks: blocks.GetValueOrDefault(id)))
            .ToList();
        var totalStake = rows.Aggregate(BigInteger.Zero, (sum, r) => sum + r.Stake);
        var totalBlocks = rows.Sum(r => r.Blocks);
        var groups = rows.GroupBy(r => r.Entity).Select(g => new EntityShare
        {
            Entity = g.Key.Name,
            Source = g.Key.Source,
            Sequencers = [.. g.Select(r => r.Id).Order()],
            Stake = g.Aggregate(BigInteger.Zero, (sum, r) => sum + r.Stake),
            StakeShare = Concentration.Share(g.Aggregate(BigInteger.Zero, (sum, r) => sum + r.Stake), totalStake),
            Blocks = g.Sum(r => r.Blocks),
            BlockShare = Concentration.Share(g.Sum(r => r.Blocks), totalBlocks),
        }).Where(e => e.Stake > 0 || e.Blocks > 0).OrderByDescending(e => e.Stake).ThenByDescending(e => e.Blocks).ThenBy(e => e.Entity, StringComparer.Ordinal).ToList();

        var since = span is { } s ? computedAt - s : DateTimeOffset.MinValue;
        var (draws, selection) = await SelectionAsync(names, since, cancellationToken);
        return new DecentralizationReport
        {
            Window = window,
            ComputedAt = computedAt,
            StakeByEntity = Concentration.Measure(groups.Select(g => g.Stake)),
            StakeBySequencer = Concentration.Measure(rows.Select(r => r.Stake)),
            BlocksByEntity = Concentration.Measure(groups.Select(g => new BigInteger(g.Blocks))),
            BlocksBySequencer = Concentration.Measure(rows.Select(r => new BigInteger(r.Blocks))),
            Entities = groups,
            Draws = draws,
            Selection = selection,
        };
    }

    /// <summary>Per UTC day (the last <paramref name="days"/>, or all): stake at the day's end of the sequencers still active then, and the blocks produced that day.</summary>
    public async Task<IReadOnlyList<DecentralizationDay>> DailyAsync(int? days, CancellationToken cancellationToken)
    {
        var names = await directory.GetAsync(cancellationToken);
        var entityOf = await EntitiesAsync(names, cancellationToken);
        var left = await db.Sequencers.AsNoTracking().Where(s => s.DeactivationTime != null).ToDictionaryAsync(s => s.Id, s => s.DeactivationTime!.Value, cancellationToken);
        var query = db.SequencerDays.AsNoTracking();
        if (days is { } n)
        {
            var last = await db.SequencerDays.MaxAsync(d => (DateOnly?)d.Day, cancellationToken);
            if (last is { } newest)
            {
                var first = newest.AddDays(1 - n);
                query = query.Where(d => d.Day >= first);
            }
        }

        var rows = await query.Select(d => new { d.Day, d.SequencerId, d.ProducedBlocks, d.Locked }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Day).OrderBy(g => g.Key).Select(day =>
        {
            var end = new DateTimeOffset(day.Key.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var members = day.Select(r => (r.SequencerId, Entity: entityOf.GetValueOrDefault(r.SequencerId)?.Name ?? $"Sequencer #{r.SequencerId}",
                Stake: left.TryGetValue(r.SequencerId, out var at) && at < end ? BigInteger.Zero : r.Locked, Blocks: new BigInteger(r.ProducedBlocks))).ToList();
            var byEntity = members.GroupBy(m => m.Entity, StringComparer.Ordinal)
                .Select(g => (Stake: g.Aggregate(BigInteger.Zero, (sum, m) => sum + m.Stake), Blocks: g.Aggregate(BigInteger.Zero, (sum, m) => sum + m.Blocks))).ToList();
            return new DecentralizationDay
            {
                Day = day.Key,
                StakeByEntity = Concentration.Measure(byEntity.Select(e => e.Stake)),
                StakeBySequencer = Concentration.Measure(members.Select(m => m.Stake)),
                BlocksByEntity = Concentration.Measure(byEntity.Select(e => e.Blocks)),
                BlocksBySequencer = Concentration.Measure(members.Select(m => m.Blocks)),
            };
        }).ToList();
    }

    private async Task<IReadOnlyDictionary<long, OperatingEntities.Entity>> EntitiesAsync(SequencerDirectory.Snapshot names, CancellationToken cancellationToken)
    {
        var operators = await db.Pools.AsNoTracking().Where(p => p.Operator != null).Select(p => new { p.SequencerId, p.Operator }).ToListAsync(cancellationToken);
        return entities.Group(names, operators.GroupBy(p => p.SequencerId).ToDictionary(g => g.Key, g => g.First().Operator!.Value));
    }

    /// <summary>
    /// Every epoch first committed by NewEpoch since <paramref name="since"/> is one draw (a recommit's replacement is
    /// not: the MPC picks it among the others, knowing who failed). At each draw, each sequencer that was active then
    /// (locked, not unlocking) with stake had probability stake ÷ the eligible stake; the expected count sums those,
    /// its variance sums p(1−p).
    /// </summary>
    private async Task<(long Draws, IReadOnlyList<SelectionFairness> Selection)> SelectionAsync(SequencerDirectory.Snapshot names, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var drawn = await db.Epochs.AsNoTracking()
            .Where(e => e.CommittedTime >= since && !db.Recommits.Any(r => r.NewEpochId == e.Id && r.L2Block == e.CommittedBlock))
            .Join(db.Signers, e => e.OriginalSigner, s => s.Address, (e, s) => new { e.CommittedTime, s.SequencerId })
            .OrderBy(d => d.CommittedTime).ToListAsync(cancellationToken);
        var lives = await db.Sequencers.AsNoTracking().Select(s => new { s.Id, s.LockedAt, s.DeactivationTime }).ToListAsync(cancellationToken);
        var last = drawn.Count > 0 ? drawn[^1].CommittedTime : since;
        var changes = await db.StakeEvents.AsNoTracking().Where(e => e.Time <= last)
            .OrderBy(e => e.Time).ThenBy(e => e.BlockNumber).ThenBy(e => e.LogIndex)
            .Select(e => new { e.SequencerId, e.Time, e.LockedAfter }).ToListAsync(cancellationToken);

        var stake = new Dictionary<long, BigInteger>();
        var expected = lives.ToDictionary(l => l.Id, _ => 0.0);
        var variance = lives.ToDictionary(l => l.Id, _ => 0.0);
        var actual = lives.ToDictionary(l => l.Id, _ => 0L);
        var next = 0;
        long draws = 0;
        foreach (var draw in drawn)
        {
            // The stake as it stood when the epoch was committed (changes in the same second count: L1 and L2 clocks are seconds).
            while (next < changes.Count && changes[next].Time <= draw.CommittedTime)
            {
                stake[changes[next].SequencerId] = changes[next].LockedAfter;
                next++;
            }

            var eligible = lives.Where(l => l.LockedAt <= draw.CommittedTime && (l.DeactivationTime is null || draw.CommittedTime < l.DeactivationTime) && stake.GetValueOrDefault(l.Id) > 0)
                .Select(l => (l.Id, Stake: stake[l.Id])).ToList();
            var total = eligible.Aggregate(BigInteger.Zero, (sum, e) => sum + e.Stake);
            if (total.IsZero)
            {
                continue;
            }

            draws++;
            foreach (var (id, amount) in eligible)
            {
                var p = Concentration.Share(amount, total);
                expected[id] += p;
                variance[id] += p * (1 - p);
            }

            actual[draw.SequencerId] = actual.GetValueOrDefault(draw.SequencerId) + 1;
        }

        var selection = actual.Keys.Where(id => expected.GetValueOrDefault(id) > 0 || actual[id] > 0).Select(id =>
        {
            var sd = Math.Sqrt(variance.GetValueOrDefault(id));
            double? z = sd > 0 ? (actual[id] - expected.GetValueOrDefault(id)) / sd : null;
            return new SelectionFairness
            {
                SequencerId = id, SequencerName = names.NameOf(id), Epochs = actual[id], Expected = expected.GetValueOrDefault(id), StandardDeviation = sd, ZScore = z,
                WithinChance = z is { } value ? Math.Abs(value) <= ChanceZ : actual[id] == Math.Round(expected.GetValueOrDefault(id)),
            };
        }).OrderBy(s => s.SequencerId).ToList();
        return (draws, selection);
    }
}
