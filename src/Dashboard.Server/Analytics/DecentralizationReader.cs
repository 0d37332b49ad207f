using System.Numerics;
using System.Text.Json;
using Dashboard.Core.Analytics;
using Dashboard.Core.Api;
using Dashboard.Server.Directory;
using Npgsql;

namespace Dashboard.Server.Analytics;

/// <summary>
/// Decentralization as the endpoints answer it: stake of the active sequencers now and blocks produced in a window
/// (the rolling figures' finalized epochs), by operating entity and by sequencer; the draws and the daily figures as
/// the stats job computed them (<see cref="DecentralizationRollup"/>).
/// </summary>
public sealed class DecentralizationReader(NpgsqlDataSource dataSource, SequencerDirectory directory, DecentralizationRollup rollup, TimeProvider clock)
{
    /// <summary>|z| at most this is "within chance" (two-sided 95 %).</summary>
    public const double ChanceZ = 1.96;

    public async Task<DecentralizationReport> ReportAsync(string window, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var names = await directory.GetAsync(cancellationToken);
        var entityOf = await rollup.EntitiesAsync(connection, null, cancellationToken);
        var rows = new List<(long Id, OperatingEntities.Entity Entity, BigInteger Stake, long Blocks)>();
        await using (var read = new NpgsqlCommand("""
            select q.id, case when q.status = @active then q.locked else 0 end, coalesce(st.produced_blocks, 0)
            from sequencers q left join sequencer_stats st on st.sequencer_id = q.id and st.time_window = @window
            order by q.id
            """, connection))
        {
            read.Parameters.AddWithValue("active", (short)SequencerStatus.Active);
            read.Parameters.AddWithValue("window", window);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                rows.Add((id, entityOf.GetValueOrDefault(id) ?? new OperatingEntities.Entity($"Sequencer #{id}", OperatingEntities.Sources.Own),
                    reader.GetFieldValue<BigInteger>(1), reader.GetInt64(2)));
            }
        }

        var totalStake = rows.Aggregate(BigInteger.Zero, (sum, r) => sum + r.Stake);
        var totalBlocks = rows.Sum(r => r.Blocks);
        var groups = rows.GroupBy(r => r.Entity).Select(g =>
        {
            var stake = g.Aggregate(BigInteger.Zero, (sum, r) => sum + r.Stake);
            return new EntityShare
            {
                Entity = g.Key.Name, Source = g.Key.Source, Sequencers = [.. g.Select(r => r.Id).Order()],
                Stake = stake, StakeShare = Concentration.Share(stake, totalStake),
                Blocks = g.Sum(r => r.Blocks), BlockShare = Concentration.Share(g.Sum(r => r.Blocks), totalBlocks),
            };
        }).Where(e => e.Stake > 0 || e.Blocks > 0).OrderByDescending(e => e.Stake).ThenByDescending(e => e.Blocks).ThenBy(e => e.Entity, StringComparer.Ordinal).ToList();

        var (draws, computedAt, selection) = await SelectionAsync(connection, names, window, cancellationToken);
        return new DecentralizationReport
        {
            Window = window,
            ComputedAt = computedAt ?? clock.GetUtcNow(),
            StakeByEntity = Concentration.Measure(groups.Select(g => g.Stake)),
            StakeBySequencer = Concentration.Measure(rows.Select(r => r.Stake)),
            BlocksByEntity = Concentration.Measure(groups.Select(g => new BigInteger(g.Blocks))),
            BlocksBySequencer = Concentration.Measure(rows.Select(r => new BigInteger(r.Blocks))),
            Entities = groups,
            Draws = draws,
            Selection = selection,
        };
    }

    /// <summary>The figures per UTC day (the last <paramref name="days"/>, or all), oldest first.</summary>
    public async Task<IReadOnlyList<DecentralizationDay>> DailyAsync(int? days, CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize<List<DecentralizationDay>>(await DailyJsonAsync(days, cancellationToken), ApiJson.Options)!;

    /// <summary>
    /// The same as the API's JSON, built by PostgreSQL from the stored figures (they are stored as the API writes them):
    /// a thousand days pass through as text instead of being read into objects and written out again.
    /// </summary>
    public async Task<string> DailyJsonAsync(int? days, CancellationToken cancellationToken)
    {
        await using var read = dataSource.CreateCommand("""
            select coalesce('[' || string_agg(body::text, ',' order by day) || ']', '[]')
            from (select day, body from decentralization_daily order by day desc limit @limit) d
            """);
        read.Parameters.AddWithValue("limit", (long?)days ?? long.MaxValue);
        return (string)(await read.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<(long Draws, DateTimeOffset? ComputedAt, IReadOnlyList<SelectionFairness> Selection)> SelectionAsync(NpgsqlConnection connection, SequencerDirectory.Snapshot names,
        string window, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand("""
            select d.draws, d.computed_at, s.sequencer_id, s.epochs, s.expected, s.variance
            from selection_draws d left join sequencer_selection s on s.time_window = d.time_window
            where d.time_window = @window order by s.sequencer_id
            """, connection);
        read.Parameters.AddWithValue("window", window);
        long draws = 0;
        DateTimeOffset? computedAt = null;
        var selection = new List<SelectionFairness>();
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            (draws, computedAt) = (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1));
            if (reader.IsDBNull(2))
            {
                continue;
            }

            var (id, epochs, expected, sd) = (reader.GetInt64(2), reader.GetInt64(3), reader.GetDouble(4), Math.Sqrt(reader.GetDouble(5)));
            double? z = sd > 0 ? (epochs - expected) / sd : null;
            selection.Add(new SelectionFairness
            {
                SequencerId = id, SequencerName = names.NameOf(id), Epochs = epochs, Expected = expected, StandardDeviation = sd, ZScore = z,
                WithinChance = z is { } value ? Math.Abs(value) <= ChanceZ : epochs == Math.Round(expected),
            });
        }

        return (draws, computedAt, selection);
    }
}
