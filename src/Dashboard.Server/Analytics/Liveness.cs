using Dashboard.Core.Api;
using Dashboard.Ethereum;
using Dashboard.Server.Directory;
using Npgsql;

namespace Dashboard.Server.Analytics;

/// <summary>
/// Liveness of the L2 chain: block intervals far outside the recent distribution (<see cref="LivenessRule"/>), found by
/// the stats job block by block from where its last run stopped and attributed to whom the chain waited on; how long
/// the MPC took to replace a stalled sequencer; whether epochs were committed before the chain needed them. Anomalies
/// depend only on the blocks' times and the final schedule, so a run in pieces finds what one run over all finds; an L2
/// rollback removes those above its ancestor (<see cref="Indexing.L2BlockStore.RollBackAsync"/>).
/// </summary>
public sealed class Liveness(NpgsqlDataSource dataSource, SequencerDirectory directory, TimeProvider clock)
{
    // Who the chain waited on for each anomaly found: the signer the MPC replaced in that block (the queued epoch's when
    // it never produced its first block), the MPC when the epoch starting there was committed in that very block, else
    // the signer of the block's epoch.
    private const string AttributeSql = """
        insert into liveness_anomalies (block, time, interval_seconds, baseline_median, baseline_spread, score, cause, epoch_id, signer)
        select a.block, a.time, a.gap, a.median, a.spread, a.score,
               case when r.l2_block is not null then @recommit
                    when e.start_block = a.block and e.committed_block >= a.block and not e.recommitted then @late
                    else @sequencer end,
               case when r.l2_block is null then b.epoch_id when r.never_started then r.new_epoch_id else r.old_epoch_id end,
               case when r.l2_block is not null then r.old_signer
                    when e.start_block = a.block and e.committed_block >= a.block and not e.recommitted then null
                    else e.signer end
        from unnest(@blocks, @times, @gaps, @medians, @spreads, @scores) as a(block, time, gap, median, spread, score)
        join l2_blocks b on b.number = a.block
        left join recommits r on r.start_block = a.block
        left join epochs e on e.id = b.epoch_id
        """;

    /// <summary>
    /// Looks at the L2 blocks indexed since the last run (the stats job, in its transaction, which holds rollup_state's
    /// row): block times stream in order through a rolling window of the intervals before each (a sorted copy kept up to
    /// date, so median and MAD cost O(window) a block).
    /// </summary>
    public static async Task FindAnomaliesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (await BlockMark.NewBlocksAsync(connection, transaction, "liveness_through_block", cancellationToken) is not { } range)
        {
            return;
        }

        var (from, head) = range;

        var found = new List<(long Block, DateTime Time, int Gap, double Median, double Spread, double Score)>();
        var window = new IntervalWindow(LivenessRule.BaselineBlocks);
        await using (var read = new NpgsqlCommand("select number, time, epoch_id is not null from l2_blocks where number between @lo and @hi order by number", connection, transaction))
        {
            read.CommandTimeout = 600;
            read.Parameters.AddWithValue("lo", from - LivenessRule.BaselineBlocks - 1);
            read.Parameters.AddWithValue("hi", head);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            long? previous = null;
            var previousTime = DateTime.MinValue;
            while (await reader.ReadAsync(cancellationToken))
            {
                var number = reader.GetInt64(0);
                var time = reader.GetDateTime(1);
                if (previous == number - 1)
                {
                    var gap = (int)(time - previousTime).TotalSeconds;
                    if (number >= from && reader.GetBoolean(2) && window.Count >= LivenessRule.MinBaseline)
                    {
                        var (median, mad) = window.MedianAndMad();
                        if (LivenessRule.IsAnomaly(gap, median, mad))
                        {
                            found.Add((number, time, gap, median, Math.Max(LivenessRule.MadScale * mad, LivenessRule.SpreadFloorSeconds), LivenessRule.Score(gap, median, mad)));
                        }
                    }

                    window.Add(gap);
                }

                (previous, previousTime) = (number, time);
            }
        }

        if (found.Count > 0)
        {
            await using var insert = new NpgsqlCommand(AttributeSql, connection, transaction);
            insert.Parameters.AddWithValue("blocks", found.Select(f => f.Block).ToArray());
            insert.Parameters.AddWithValue("times", found.Select(f => f.Time).ToArray());
            insert.Parameters.AddWithValue("gaps", found.Select(f => f.Gap).ToArray());
            insert.Parameters.AddWithValue("medians", found.Select(f => f.Median).ToArray());
            insert.Parameters.AddWithValue("spreads", found.Select(f => f.Spread).ToArray());
            insert.Parameters.AddWithValue("scores", found.Select(f => f.Score).ToArray());
            insert.Parameters.AddWithValue("recommit", LivenessRule.Causes.Recommit);
            insert.Parameters.AddWithValue("late", LivenessRule.Causes.LateCommit);
            insert.Parameters.AddWithValue("sequencer", LivenessRule.Causes.Sequencer);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        // Epoch-commit timeliness, for the epochs whose previous epoch now has all its blocks (one hash join over the
        // epochs; reading it per request cost 70 ms at 3 years).
        await using (var timing = new NpgsqlCommand("""
            insert into epoch_commit_timing (epoch_id, committed_time, previous_end, late, seconds, signer)
            select e.id, e.committed_time, st.last_time, e.committed_block >= e.start_block,
                   abs(extract(epoch from e.committed_time - st.last_time))::int, e.signer
            from epochs e
            join (select distinct on (end_block) id, start_block, end_block from epochs order by end_block, id desc) p on p.end_block = e.start_block - 1 and p.id < e.id
            join epoch_stats st on st.epoch_id = p.id and st.blocks = p.end_block - p.start_block + 1
            where not e.recommitted and e.start_block - 1 <= @head
            on conflict (epoch_id) do nothing
            """, connection, transaction))
        {
            timing.Parameters.AddWithValue("head", head);
            await timing.ExecuteNonQueryAsync(cancellationToken);
        }

        await BlockMark.SetAsync(connection, transaction, "liveness_through_block", head, cancellationToken);
    }

    /// <summary>The last <c>capacity</c> intervals, in arrival order and sorted.</summary>
    private sealed class IntervalWindow(int capacity)
    {
        private readonly Queue<int> _order = new(capacity);
        private readonly List<int> _sorted = new(capacity);

        public int Count => _order.Count;

        public void Add(int interval)
        {
            if (_order.Count == capacity)
            {
                var oldest = _order.Dequeue();
                _sorted.RemoveAt(_sorted.BinarySearch(oldest));
            }

            _order.Enqueue(interval);
            var at = _sorted.BinarySearch(interval);
            _sorted.Insert(at < 0 ? ~at : at, interval);
        }

        public (double Median, double Mad) MedianAndMad() => LivenessRule.MedianAndMad(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_sorted));
    }

    /// <summary>The network's liveness in <paramref name="window"/>, or what of it is attributed to one sequencer.</summary>
    public async Task<LivenessReport> ReportAsync(string window, long? sequencerId, CancellationToken cancellationToken)
    {
        var names = await directory.GetAsync(cancellationToken);
        await using var query = await WindowQuery.OpenAsync(dataSource, clock, window, sequencerId, cancellationToken);

        // A sequencer's anomalies: those attributed to any signer key it had.
        const string Mine = "(@sequencer is null or a.signer in (select address from signers where sequencer_id = @sequencer))";

        long? checkedThrough;
        await using (var read = query.Command("select liveness_through_block from rollup_state where id = 1"))
        {
            checkedThrough = await read.ExecuteScalarAsync(cancellationToken) is long value ? value : null;
        }

        var byCause = new Dictionary<string, int> { [LivenessRule.Causes.Sequencer] = 0, [LivenessRule.Causes.Recommit] = 0 };
        if (sequencerId is null)
        {
            byCause[LivenessRule.Causes.LateCommit] = 0;
        }

        await using (var read = query.Command($"select a.cause, count(*)::int from liveness_anomalies a where a.time >= @since and {Mine} group by 1"))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                byCause[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var anomalies = new List<IntervalAnomaly>();
        await using (var read = query.Command($"""
            select a.block, a.time, a.interval_seconds, a.baseline_median, a.baseline_spread, a.score, a.cause, a.epoch_id, a.signer
            from liveness_anomalies a where a.time >= @since and {Mine} order by a.block desc limit {LivenessReport.ListLimit}
            """))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var signer = reader.IsDBNull(8) ? (Address?)null : new Address((byte[])reader[8]);
                var id = signer is { } a ? names.SequencerOf(a) : null;
                anomalies.Add(new IntervalAnomaly
                {
                    Block = reader.GetInt64(0), Time = reader.GetFieldValue<DateTimeOffset>(1), IntervalSeconds = reader.GetInt32(2),
                    BaselineMedian = Math.Round(reader.GetDouble(3), 3), BaselineSpread = Math.Round(reader.GetDouble(4), 3), Score = Math.Round(reader.GetDouble(5), 3),
                    Cause = reader.GetString(6), EpochId = reader.IsDBNull(7) ? null : reader.GetInt64(7),
                    Signer = signer?.ToString(), SequencerId = id, SequencerName = names.NameOf(id),
                });
            }
        }

        var bySequencer = new List<SequencerAnomalyCount>();
        await using (var read = query.Command($"""
            select sg.sequencer_id, count(*)::int, (count(*) filter (where a.cause = '{LivenessRule.Causes.Recommit}'))::int, max(a.interval_seconds)
            from liveness_anomalies a join signers sg on sg.address = a.signer
            where a.time >= @since and {Mine}
            group by 1 order by 2 desc, 1
            """))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                bySequencer.Add(new SequencerAnomalyCount
                {
                    SequencerId = id, SequencerName = names.NameOf(id), Anomalies = reader.GetInt32(1), Replaced = reader.GetInt32(2), LongestSeconds = reader.GetInt32(3),
                });
            }
        }

        var recommits = new List<RecommitResponse>();
        await using (var read = query.Command("""
            select r.l2_block, r.time, so.sequencer_id, sn.sequencer_id, r.never_started, b.time
            from recommits r
            join signers so on so.address = r.old_signer
            join signers sn on sn.address = r.new_signer
            left join l2_blocks b on b.number = r.start_block - 1
            where r.time >= @since and (@sequencer is null or so.sequencer_id = @sequencer)
            order by r.l2_block desc
            """))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var time = reader.GetFieldValue<DateTimeOffset>(1);
                DateTimeOffset? stalledSince = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5);
                recommits.Add(new RecommitResponse
                {
                    Block = reader.GetInt64(0), Time = time,
                    StalledSequencerId = reader.GetInt64(2), StalledSequencerName = names.NameOf(reader.GetInt64(2)),
                    ReplacementSequencerId = reader.GetInt64(3), ReplacementSequencerName = names.NameOf(reader.GetInt64(3)),
                    NeverStarted = reader.GetBoolean(4), StalledSince = stalledSince,
                    ResponseSeconds = stalledSince is { } since0 ? (int)(time - since0).TotalSeconds : null,
                });
            }
        }

        // Epochs first committed in the window, as the stats job timed them: lead or wait summarized in the database,
        // the late ones listed.
        int committed;
        DurationSummary lead, wait;
        await using (var read = query.Command($"""
            select count(*)::int,
                   count(*) filter (where not t.late)::int, percentile_disc(0.5) within group (order by t.seconds) filter (where not t.late),
                   percentile_disc(0.95) within group (order by t.seconds) filter (where not t.late), max(t.seconds) filter (where not t.late),
                   count(*) filter (where t.late)::int, percentile_disc(0.5) within group (order by t.seconds) filter (where t.late),
                   percentile_disc(0.95) within group (order by t.seconds) filter (where t.late), max(t.seconds) filter (where t.late)
            from epoch_commit_timing t
            where t.committed_time >= @since and (@sequencer is null or t.signer in (select address from signers where sequencer_id = @sequencer))
            """))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            int? At(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
            committed = reader.GetInt32(0);
            lead = new DurationSummary { Count = reader.GetInt32(1), Median = At(2), P95 = At(3), Max = At(4) };
            wait = new DurationSummary { Count = reader.GetInt32(5), Median = At(6), P95 = At(7), Max = At(8) };
        }

        var late = new List<LateEpochCommit>();
        await using (var read = query.Command($"""
            select t.epoch_id, e.start_block, t.committed_time, t.previous_end, t.seconds, sg.sequencer_id
            from epoch_commit_timing t join epochs e on e.id = t.epoch_id join signers sg on sg.address = t.signer
            where t.late and t.committed_time >= @since and (@sequencer is null or sg.sequencer_id = @sequencer)
            order by t.epoch_id desc limit {LivenessReport.ListLimit}
            """))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(5);
                late.Add(new LateEpochCommit
                {
                    EpochId = reader.GetInt64(0), StartBlock = reader.GetInt64(1), CommittedAt = reader.GetFieldValue<DateTimeOffset>(2),
                    PreviousEndedAt = reader.GetFieldValue<DateTimeOffset>(3), DelaySeconds = reader.GetInt32(4), SequencerId = id, SequencerName = names.NameOf(id),
                });
            }
        }

        return new LivenessReport
        {
            Window = window, SequencerId = sequencerId, CheckedThroughBlock = checkedThrough,
            AnomaliesByCause = byCause, Anomalies = anomalies, BySequencer = bySequencer,
            RecommitResponse = Summarize(recommits.Where(r => r.ResponseSeconds is not null).Select(r => r.ResponseSeconds!.Value)),
            Recommits = recommits.Take(LivenessReport.ListLimit).ToList(),
            EpochsCommitted = committed, CommitLead = lead, LateCommitDelay = wait, LateCommits = late,
        };
    }

    /// <summary>Median, 95th percentile (nearest rank) and maximum.</summary>
    public static DurationSummary Summarize(IEnumerable<int> values)
    {
        var sorted = values.Order().ToArray();
        int? Rank(double p) => sorted.Length == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new DurationSummary { Count = sorted.Length, Median = Rank(0.5), P95 = Rank(0.95), Max = sorted.Length == 0 ? null : sorted[^1] };
    }
}
