using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Server.Configuration;
using Npgsql;

namespace Dashboard.Server.Jobs;

/// <summary>
/// The only writer of <see cref="SequencerStats"/>, <see cref="NetworkStats"/>, <see cref="Data.Entities.NetworkDay"/> and
/// <see cref="SequencerDay"/> (and, through <see cref="Analytics.DecentralizationRollup"/>, the decentralization tables): rolling 24h / 7d / 30d / all-time figures and daily rollups, computed into small
/// tables the pages read directly (set-based SQL: a few statements over the whole history).
/// Uptime of a sequencer = produced ÷ assigned blocks over its finalized epochs that ended in the window:
/// assigned is the epoch's range as committed to it, produced what it kept when a recommit cut it short; an epoch
/// taken from it before its first block (it never started) counts as assigned, none produced.
/// </summary>
public sealed class StatsCalculator(NpgsqlDataSource dataSource, TimeProvider clock, ResolvedNetwork network, Analytics.DecentralizationRollup decentralization)
{
    private static readonly string SequencerStatsTable = DashboardDb.Table<SequencerStats>();
    private static readonly string NetworkStatsTable = DashboardDb.Table<NetworkStats>();
    private static readonly string NetworkDailyTable = DashboardDb.Table<Data.Entities.NetworkDay>();
    private static readonly string SequencerDailyTable = DashboardDb.Table<SequencerDay>();

    private long L2ChainId => network.Chains.First(c => c.Role == Core.Chains.ChainRole.L2).ChainId;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (name, span) in TimeWindows.Rolling)
        {
            var since = span is { } s ? now - s : DateTimeOffset.MinValue;
            await using (var perSequencer = new NpgsqlCommand(SequencerSql, connection, transaction))
            {
                perSequencer.Parameters.AddWithValue("window", name);
                perSequencer.Parameters.AddWithValue("since", since == DateTimeOffset.MinValue ? DateTime.MinValue.ToUniversalTime() : since.UtcDateTime);
                perSequencer.Parameters.AddWithValue("now", now.UtcDateTime);
                perSequencer.Parameters.AddWithValue("l2", L2ChainId);
                await perSequencer.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var network = new NpgsqlCommand(span is null ? NetworkAllSql : NetworkWindowSql, connection, transaction);
            network.Parameters.AddWithValue("window", name);
            network.Parameters.AddWithValue("since", since == DateTimeOffset.MinValue ? DateTime.MinValue.ToUniversalTime() : since.UtcDateTime);
            network.Parameters.AddWithValue("now", now.UtcDateTime);
            await network.ExecuteNonQueryAsync(cancellationToken);
        }

        // Daily rollups, from the first day that can have changed since the last run.
        await using (var daily = new NpgsqlCommand(DailySql, connection, transaction))
        {
            daily.CommandTimeout = 600;
            daily.Parameters.AddWithValue("today", DateOnly.FromDateTime(now.UtcDateTime));
            daily.Parameters.AddWithValue("chains", network.Chains.Select(c => c.ChainId).ToArray());
            await daily.ExecuteNonQueryAsync(cancellationToken);
        }

        DateOnly? changedFrom;
        await using (var from = new NpgsqlCommand("select day from daily_from", connection, transaction))
        {
            changedFrom = await from.ExecuteScalarAsync(cancellationToken) is DateOnly day ? day : null;
        }

        await decentralization.RunAsync(connection, transaction, now, changedFrom, cancellationToken);
        await Analytics.RewardReconciliation.RefreshAsync(connection, transaction, cancellationToken);
        await Analytics.Liveness.FindAnomaliesAsync(connection, transaction, cancellationToken);
        await Analytics.SequencingFairness.RunAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // Days are UTC days. A sequencer's blocks and fees count on the day its epoch ended (its last block), once the epoch
    // is finalized — ended before the newest indexed L2 block, as in the rolling figures: a running epoch counts on no
    // day yet. Indexers
    // write in block order, so nothing older than the chains' indexed-block times at the last run can change: those
    // days are final, the rest is recomputed (a backfill in progress fills the days in as it reaches them).
    private static readonly string DailySql = $"""
        create temp table daily_from on commit drop as
            select coalesce(
                (select (daily_complete_before at time zone 'utc')::date from rollup_state where id = 1),
                (select (min(time) at time zone 'utc')::date from l2_blocks),
                @today) as day;
        -- Final only once every chain has a checkpoint: a chain not started yet may still bring old days.
        -- Up to the newest day any chain is indexed to: days beyond have no data yet, not zeros.
        create temp table daily_to on commit drop as
            select least(@today, coalesce((select (max(block_time) at time zone 'utc')::date from chain_checkpoints where stream = 'chain'), @today)) as day;
        update rollup_state set daily_complete_before =
            (select case when count(distinct chain_id) = cardinality(@chains) then min(block_time) end from chain_checkpoints where chain_id = any(@chains) and stream = 'chain')
            where id = 1;
        delete from {NetworkDailyTable} where day >= (select day from daily_from);
        delete from {SequencerDailyTable} where day >= (select day from daily_from);

        with days as (
            select generate_series((select day from daily_from), (select day from daily_to), interval '1 day')::date as day
        ),
        blocks as (
            select (time at time zone 'utc')::date as day, count(*) as n, sum(tx_count) as txs, sum(fees) as fees, min(time) as first, max(time) as last
            from l2_blocks where time >= (select day from daily_from)::timestamp at time zone 'utc' group by 1
        ),
        rewards as (
            select (time at time zone 'utc')::date as day, sum(amount) as amount from reward_batches
            where time >= (select day from daily_from)::timestamp at time zone 'utc' group by 1
        ),
        downtime as (
            select (started_at at time zone 'utc')::date as day, count(*) as n from incidents
            where started_at >= (select day from daily_from)::timestamp at time zone 'utc' group by 1
        )
        insert into {NetworkDailyTable} (day, blocks, tx_count, fees, rewards, total_locked, block_time_seconds, incidents)
        select d.day, coalesce(b.n, 0), coalesce(b.txs, 0), coalesce(b.fees, 0), coalesce(r.amount, 0),
               -- Each sequencer's lock as its last change left it (changes without a stake event, e.g. LockUpdate, included).
               (select coalesce(sum(last.locked_after), 0) from sequencers q cross join lateral (
                    select e.locked_after from stake_events e where e.sequencer_id = q.id and e.time < (d.day + 1)::timestamp at time zone 'utc'
                    order by e.block_number desc, e.log_index desc limit 1) last),
               case when b.n > 1 then extract(epoch from b.last - b.first) / (b.n - 1) end,
               coalesce(t.n, 0)
        from days d left join blocks b using (day) left join rewards r using (day) left join downtime t using (day);

        with days as (
            select generate_series((select day from daily_from), (select day from daily_to), interval '1 day')::date as day
        ),
        produced as (
            select (st.last_time at time zone 'utc')::date as day, sg.sequencer_id,
                   sum(st.blocks) as blocks, sum(st.fees) as fees
            from epochs e join epoch_stats st on st.epoch_id = e.id join signers sg on sg.address = e.signer
            where st.last_time >= (select day from daily_from)::timestamp at time zone 'utc'
              and e.end_block < (select coalesce(max(number), -1) from l2_blocks)
            group by 1, 2
        ),
        rewards as (
            select (time at time zone 'utc')::date as day, sequencer_id, sum(amount) as amount from sequencer_rewards
            where time >= (select day from daily_from)::timestamp at time zone 'utc' group by 1, 2
        ),
        rows as (
            select d.day, s.id as sequencer_id, coalesce(p.blocks, 0) as blocks, coalesce(p.fees, 0) as fees, coalesce(r.amount, 0) as rewards,
                   coalesce((select e.locked_after from stake_events e where e.sequencer_id = s.id and e.time < (d.day + 1)::timestamp at time zone 'utc'
                             order by e.block_number desc, e.log_index desc limit 1), 0) as locked
            from days d cross join sequencers s
            left join produced p on p.day = d.day and p.sequencer_id = s.id
            left join rewards r on r.day = d.day and r.sequencer_id = s.id
            where d.day >= (s.locked_at at time zone 'utc')::date
        )
        insert into {SequencerDailyTable} (day, sequencer_id, produced_blocks, fees, rewards, locked)
        select day, sequencer_id, blocks, fees, rewards, locked from rows;
        """;

    // Finalized epochs: ended before the newest indexed L2 block. An epoch whose sequencer never produced a block has no
    // stats row; it ends when the recommit cut it.
    private static readonly string SequencerSql = $"""
        -- The L2 frontier: the newest indexed block, or the events pass's checkpoint while the blocks backfill behind it.
        with head as (
            select greatest((select coalesce(max(number), -1) from l2_blocks),
                            (select coalesce(max(block_number), -1) from chain_checkpoints where chain_id = @l2 and stream = 'events')) as n
        ),
        finalized as (
            select sg.sequencer_id,
                   e.assigned_end_block - e.start_block + 1 as assigned,
                   greatest(e.end_block - e.start_block + 1, 0) as produced,
                   coalesce(st.fees, 0) as fees,
                   -- Its last block's time; before the blocks are indexed (events first), the header kept for its end.
                   coalesce(st.last_time, r.time, eb.time) as ended
            from epochs e
            join signers sg on sg.address = e.signer
            left join epoch_stats st on st.epoch_id = e.id
            left join recommits r on r.old_epoch_id = e.id and not r.never_started
            left join event_blocks eb on eb.chain_id = @l2 and eb.number = e.end_block
            where e.end_block < (select n from head)
            union all
            -- A queued epoch whose signer never produced its first block: rewritten to another signer, so no epoch row
            -- keeps its assignment; the recommit does (assigned, nothing produced).
            select sg.sequencer_id, r.lost_blocks, 0, 0, r.time
            from recommits r
            join signers sg on sg.address = r.old_signer
            where r.never_started and r.l2_block < (select n from head)
        ),
        production as (
            select sequencer_id, sum(assigned) as assigned, sum(produced) as produced, sum(fees) as fees
            from finalized where ended >= @since group by sequencer_id
        ),
        downtime as (
            select sg.sequencer_id, count(*) as incidents
            from incidents i join signers sg on sg.address = i.signer
            where i.started_at >= @since group by sg.sequencer_id
        ),
        rewards as (
            select sequencer_id, sum(amount) as rewards from sequencer_rewards where time >= @since group by sequencer_id
        )
        insert into {SequencerStatsTable} (sequencer_id, time_window, assigned_blocks, produced_blocks, uptime, incidents, rewards, fees, computed_at)
        select s.id, @window, coalesce(p.assigned, 0), coalesce(p.produced, 0),
               case when coalesce(p.assigned, 0) > 0 then p.produced::double precision / p.assigned end,
               coalesce(d.incidents, 0), coalesce(w.rewards, 0), coalesce(p.fees, 0), @now
        from sequencers s
        left join production p on p.sequencer_id = s.id
        left join downtime d on d.sequencer_id = s.id
        left join rewards w on w.sequencer_id = s.id
        on conflict (sequencer_id, time_window) do update set
            assigned_blocks = excluded.assigned_blocks, produced_blocks = excluded.produced_blocks, uptime = excluded.uptime,
            incidents = excluded.incidents, rewards = excluded.rewards, fees = excluded.fees, computed_at = excluded.computed_at
        """;

    private static readonly string NetworkWindowSql = $"""
        with blocks as (
            select count(*) as n, coalesce(sum(tx_count), 0) as txs, coalesce(sum(fees), 0) as fees, min(time) as first, max(time) as last
            from l2_blocks where time >= @since
        )
        insert into {NetworkStatsTable} (time_window, blocks, tx_count, fees, rewards, avg_block_seconds, incidents, uptime, computed_at)
        select @window, b.n, b.txs, b.fees,
               (select coalesce(sum(amount), 0) from reward_batches where time >= @since),
               case when b.n > 1 then extract(epoch from b.last - b.first) / (b.n - 1) end,
               (select count(*) from incidents where started_at >= @since),
               (select case when sum(assigned_blocks) > 0 then sum(produced_blocks)::double precision / sum(assigned_blocks) end
                from {SequencerStatsTable} where time_window = @window),
               @now
        from blocks b
        on conflict (time_window) do update set
            blocks = excluded.blocks, tx_count = excluded.tx_count, fees = excluded.fees, rewards = excluded.rewards,
            avg_block_seconds = excluded.avg_block_seconds, incidents = excluded.incidents, uptime = excluded.uptime, computed_at = excluded.computed_at
        """;

    // All time: the epochs' running sums instead of scanning every block; the block time from the first and last block.
    private static readonly string NetworkAllSql = $"""
        with sums as (
            select coalesce(sum(blocks), 0) as n, coalesce(sum(tx_count), 0) as txs, coalesce(sum(fees), 0) as fees from epoch_stats
        ),
        span as (
            select (select count(*) from l2_blocks where epoch_id is null) as outside,
                   (select min(time) from l2_blocks) as first, (select max(time) from l2_blocks) as last,
                   (select coalesce(sum(fees), 0) from l2_blocks where epoch_id is null) as outside_fees,
                   (select coalesce(sum(tx_count), 0) from l2_blocks where epoch_id is null) as outside_txs
        )
        insert into {NetworkStatsTable} (time_window, blocks, tx_count, fees, rewards, avg_block_seconds, incidents, uptime, computed_at)
        select @window, s.n + p.outside, s.txs + p.outside_txs, s.fees + p.outside_fees,
               (select coalesce(sum(amount), 0) from reward_batches),
               case when s.n + p.outside > 1 then extract(epoch from p.last - p.first) / (s.n + p.outside - 1) end,
               (select count(*) from incidents),
               (select case when sum(assigned_blocks) > 0 then sum(produced_blocks)::double precision / sum(assigned_blocks) end
                from {SequencerStatsTable} where time_window = @window),
               @now
        from sums s, span p
        on conflict (time_window) do update set
            blocks = excluded.blocks, tx_count = excluded.tx_count, fees = excluded.fees, rewards = excluded.rewards,
            avg_block_seconds = excluded.avg_block_seconds, incidents = excluded.incidents, uptime = excluded.uptime, computed_at = excluded.computed_at
        """;
}
