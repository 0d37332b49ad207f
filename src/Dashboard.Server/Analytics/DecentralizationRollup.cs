using System.Numerics;
using System.Text.Json;
using Dashboard.Core.Analytics;
using Dashboard.Core.Api;
using Dashboard.Ethereum;
using Dashboard.Server.Directory;
using Npgsql;

namespace Dashboard.Server.Analytics;

/// <summary>
/// Computes, with each run of the stats job and in its transaction, what the decentralization endpoints read: the
/// epoch draws of each rolling window against each sequencer's stake share at the draw, and the concentration figures
/// of every day from the daily rollups (from the first day that can have changed; every day again when the grouping
/// into entities changed, e.g. a new configuration or metadata list).
/// </summary>
public sealed class DecentralizationRollup(SequencerDirectory directory, OperatingEntities entities)
{
    private string? _grouping;

    public async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, DateOnly? changedFrom, CancellationToken cancellationToken)
    {
        var entityOf = await EntitiesAsync(connection, transaction, cancellationToken);
        var grouping = string.Join(';', entityOf.OrderBy(e => e.Key).Select(e => $"{e.Key}={e.Value.Name}"));
        await SelectionAsync(connection, transaction, now, cancellationToken);
        await DailyAsync(connection, transaction, entityOf, grouping == _grouping ? changedFrom : null, cancellationToken);
        _grouping = grouping;
    }

    public async Task<IReadOnlyDictionary<long, OperatingEntities.Entity>> EntitiesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var operators = new Dictionary<long, Address>();
        await using (var read = new NpgsqlCommand("select sequencer_id, operator from pools where operator is not null order by created_block", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                operators.TryAdd(reader.GetInt64(0), new Address((byte[])reader[1]));
            }
        }

        return entities.Group(await directory.GetAsync(cancellationToken), operators);
    }

    /// <summary>
    /// Every epoch first committed by NewEpoch is one draw (a recommit's replacement is not: the MPC picks it among the
    /// others, knowing who failed). At each draw, each sequencer that was active then (locked, not unlocking) with stake
    /// had probability stake ÷ the eligible stake; per window the expected count sums those, its variance sums p(1−p).
    /// </summary>
    private static async Task SelectionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var draws = new List<(DateTimeOffset Time, long Sequencer)>();
        await using (var read = new NpgsqlCommand("""
            select e.committed_time, s.sequencer_id from epochs e join signers s on s.address = e.original_signer
            where not exists (select 1 from recommits r where r.new_epoch_id = e.id and r.l2_block = e.committed_block)
            order by e.committed_time, e.id
            """, connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                draws.Add((reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt64(1)));
            }
        }

        var lives = new List<(long Id, DateTimeOffset LockedAt, DateTimeOffset? Left)>();
        await using (var read = new NpgsqlCommand("select id, locked_at, deactivation_time from sequencers", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                lives.Add((reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        var changes = new List<(long Sequencer, DateTimeOffset Time, BigInteger Locked)>();
        await using (var read = new NpgsqlCommand("select sequencer_id, time, locked_after from stake_events order by time, block_number, log_index", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                changes.Add((reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<BigInteger>(2)));
            }
        }

        var windows = TimeWindows.Rolling.Select(w => (w.Name, Since: w.Span is { } span ? now - span : DateTimeOffset.MinValue)).ToList();
        var expected = windows.ToDictionary(w => w.Name, _ => new Dictionary<long, double>());
        var variance = windows.ToDictionary(w => w.Name, _ => new Dictionary<long, double>());
        var actual = windows.ToDictionary(w => w.Name, _ => new Dictionary<long, long>());
        var counted = windows.ToDictionary(w => w.Name, _ => 0L);
        var stake = new Dictionary<long, BigInteger>();
        var next = 0;
        foreach (var draw in draws)
        {
            // The stake as it stood when the epoch was committed (changes in the same second count: the clocks are seconds).
            while (next < changes.Count && changes[next].Time <= draw.Time)
            {
                stake[changes[next].Sequencer] = changes[next].Locked;
                next++;
            }

            var eligible = lives.Where(l => l.LockedAt <= draw.Time && (l.Left is null || draw.Time < l.Left) && stake.GetValueOrDefault(l.Id) > 0)
                .Select(l => (l.Id, Stake: stake[l.Id])).ToList();
            var total = eligible.Aggregate(BigInteger.Zero, (sum, e) => sum + e.Stake);
            if (total.IsZero)
            {
                continue;
            }

            foreach (var (name, since) in windows.Where(w => draw.Time >= w.Since))
            {
                counted[name]++;
                foreach (var (id, amount) in eligible)
                {
                    var p = Concentration.Share(amount, total);
                    expected[name][id] = expected[name].GetValueOrDefault(id) + p;
                    variance[name][id] = variance[name].GetValueOrDefault(id) + p * (1 - p);
                }

                actual[name][draw.Sequencer] = actual[name].GetValueOrDefault(draw.Sequencer) + 1;
            }
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("delete from sequencer_selection"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("delete from selection_draws"));
        foreach (var (name, _) in windows)
        {
            var draw = new NpgsqlBatchCommand("insert into selection_draws (time_window, draws, computed_at) values (@window, @draws, @now)");
            draw.Parameters.AddWithValue("window", name);
            draw.Parameters.AddWithValue("draws", counted[name]);
            draw.Parameters.AddWithValue("now", now);
            batch.BatchCommands.Add(draw);
            foreach (var id in expected[name].Keys.Union(actual[name].Keys))
            {
                var row = new NpgsqlBatchCommand("insert into sequencer_selection (sequencer_id, time_window, epochs, expected, variance) values (@id, @window, @epochs, @expected, @variance)");
                row.Parameters.AddWithValue("id", id);
                row.Parameters.AddWithValue("window", name);
                row.Parameters.AddWithValue("epochs", actual[name].GetValueOrDefault(id));
                row.Parameters.AddWithValue("expected", expected[name].GetValueOrDefault(id));
                row.Parameters.AddWithValue("variance", variance[name].GetValueOrDefault(id));
                batch.BatchCommands.Add(row);
            }
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Per UTC day: stake at the day's end of the sequencers still active then, and the blocks produced that day.</summary>
    private static async Task DailyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyDictionary<long, OperatingEntities.Entity> entityOf, DateOnly? from,
        CancellationToken cancellationToken)
    {
        var first = from ?? DateOnly.MinValue;
        var left = new Dictionary<long, DateTimeOffset>();
        await using (var read = new NpgsqlCommand("select id, deactivation_time from sequencers where deactivation_time is not null", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                left[reader.GetInt64(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            }
        }

        var rows = new List<(DateOnly Day, long Sequencer, long Blocks, BigInteger Locked)>();
        await using (var read = new NpgsqlCommand("select day, sequencer_id, produced_blocks, locked from sequencer_daily where day >= @from order by day", connection, transaction))
        {
            read.Parameters.AddWithValue("from", first);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetFieldValue<DateOnly>(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<BigInteger>(3)));
            }
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        var delete = new NpgsqlBatchCommand("delete from decentralization_daily where day >= @from");
        delete.Parameters.AddWithValue("from", first);
        batch.BatchCommands.Add(delete);
        foreach (var day in rows.GroupBy(r => r.Day))
        {
            var end = new DateTimeOffset(day.Key.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var members = day.Select(r => (Entity: entityOf.TryGetValue(r.Sequencer, out var e) ? e.Name : $"Sequencer #{r.Sequencer}",
                Stake: left.TryGetValue(r.Sequencer, out var at) && at < end ? BigInteger.Zero : r.Locked, Blocks: new BigInteger(r.Blocks))).ToList();
            var byEntity = members.GroupBy(m => m.Entity, StringComparer.Ordinal)
                .Select(g => (Stake: g.Aggregate(BigInteger.Zero, (sum, m) => sum + m.Stake), Blocks: g.Aggregate(BigInteger.Zero, (sum, m) => sum + m.Blocks))).ToList();
            var insert = new NpgsqlBatchCommand("insert into decentralization_daily (day, body) values (@day, @body)");
            insert.Parameters.AddWithValue("day", day.Key);
            insert.Parameters.Add(new NpgsqlParameter("body", NpgsqlTypes.NpgsqlDbType.Json) { Value = JsonSerializer.Serialize(new DecentralizationDay
            {
                Day = day.Key,
                StakeByEntity = Concentration.Measure(byEntity.Select(e => e.Stake)),
                StakeBySequencer = Concentration.Measure(members.Select(m => m.Stake)),
                BlocksByEntity = Concentration.Measure(byEntity.Select(e => e.Blocks)),
                BlocksBySequencer = Concentration.Measure(members.Select(m => m.Blocks)),
            }, ApiJson.Options) });
            batch.BatchCommands.Add(insert);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
