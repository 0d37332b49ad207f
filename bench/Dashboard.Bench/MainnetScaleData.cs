using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Dashboard.Bench;

/// <summary>
/// Writes a database the size of several years of Metis mainnet straight into PostgreSQL (anvil cannot carry millions
/// of blocks): L2 blocks every 15 s in million-block partitions, 1,000-block epochs with about one in fifty recommitted
/// and stalls in others, daily reward batches, stake history, delegation pools with tens of thousands of delegators,
/// and raw logs to search by transaction hash. Rows are shaped as the indexer writes them; the stats job then
/// computes the rolling figures and daily rollups from them, as it would in production.
/// </summary>
public static class MainnetScaleData
{
    public const long L1ChainId = 1;
    public const long L2ChainId = 1088;
    public const int Sequencers = 24;
    public const int Pools = 4;
    public const int Delegators = 20_000;
    public const long EpochLength = 1_000;
    public const int BlockSeconds = 15;

    public static async Task SeedAsync(string connectionString, int years, Action<string> say, CancellationToken cancellationToken)
    {
        var blocks = (long)TimeSpan.FromDays(365 * years).TotalSeconds / BlockSeconds;
        var start = DateTime.UtcNow.AddSeconds(-blocks * BlockSeconds);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // The partitions the indexer would have created by now, a million blocks each.
        for (var partition = 0L; partition <= (blocks - 1) / 1_000_000; partition++)
        {
            await using var create = new NpgsqlCommand(
                $"create table if not exists l2_blocks_p{partition} partition of l2_blocks for values from ({partition * 1_000_000}) to ({(partition + 1) * 1_000_000})", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var steps = new (string What, string Sql)[]
        {
            ("L2 blocks", Blocks),
            ("epochs, recommits and incidents", Epochs),
            ("epoch totals", EpochStats),
            ("sequencers, signers, pools and stake history", Sequencers_),
            ("reward batches and payouts", Rewards),
            ("delegators, their actions and unbonding entries", Delegation),
            ("raw logs, checkpoints and network state", RawAndState),
            ("analyze", "analyze"),
        };
        foreach (var (what, sql) in steps)
        {
            var watch = Stopwatch.StartNew();
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 3_600 };
            command.Parameters.AddWithValue("blocks", blocks);
            command.Parameters.AddWithValue("start", start);
            command.Parameters.AddWithValue("sequencers", Sequencers);
            command.Parameters.AddWithValue("pools", Pools);
            command.Parameters.AddWithValue("delegators", Delegators);
            command.Parameters.AddWithValue("epoch_length", EpochLength);
            command.Parameters.AddWithValue("l1", L1ChainId);
            command.Parameters.AddWithValue("l2", L2ChainId);
            await command.ExecuteNonQueryAsync(cancellationToken);
            say($"{what}: {watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        }
    }

    /// <summary>The address of synthetic account <paramref name="n"/> of a kind (1 signer, 2 owner, 3 pool, 4 delegator, 5 recipient).</summary>
    public static string AddressSql(string kind, string n) => $"decode(lpad(to_hex({kind}), 8, '0') || lpad(to_hex({n}), 32, '0'), 'hex')";

    // A cut epoch (one in fifty) loses its last 300 blocks to the next one, which the MPC recommitted.
    private const string EpochOf = "(case when (n / @epoch_length) % 50 = 7 and n % @epoch_length >= 700 then n / @epoch_length + 1 else n / @epoch_length end)";

    private static readonly string Blocks = $"""
        insert into l2_blocks (number, hash, parent_hash, time, gas_used, tx_count, fees, epoch_id, ordered_txs, first_sender, fee_inversions)
        select n, sha256(int8send(n)), sha256(int8send(n - 1)), @start + n * interval '{BlockSeconds} seconds',
               (n % 9) * 52000, (n % 9)::int, ((n % 9) * 52000 * (1000000000 + (n % 13) * 100000000))::numeric, {EpochOf},
               (n % 9)::int, case when n % 9 > 0 then {AddressSql("6", "n % 5000")} end, case when n % 9 > 1 then (n % 3)::int else 0 end
        from generate_series(0::bigint, @blocks - 1) n;
        -- A swap in one block of 20 on one of 40 pools, and a sandwich (front, victim, back) in one block of 2,000.
        insert into swaps (block_number, log_index, tx_hash, pool, sender, recipient, amount0_in, amount1_in, amount0_out, amount1_out)
        select n, 0, sha256(('swap' || n)::bytea), {AddressSql("7", "(n / 20) % 40")}, {AddressSql("6", "n % 5000")}, {AddressSql("6", "n % 5000")},
               case when n % 2 = 0 then 1000000000000000000 else 0 end, case when n % 2 = 1 then 100000000000000000000 else 0 end,
               case when n % 2 = 1 then 990000000000000000 else 0 end, case when n % 2 = 0 then 99000000000000000000 else 0 end
        from generate_series(0::bigint, @blocks - 1, 20) n;
        insert into swaps (block_number, log_index, tx_hash, pool, sender, recipient, amount0_in, amount1_in, amount0_out, amount1_out)
        select n + 1, leg, sha256(('sandwich' || n || '-' || leg)::bytea), {AddressSql("7", "1")},
               case when leg = 1 then {AddressSql("6", "n % 5000")} else {AddressSql("8", "1")} end,
               case when leg = 1 then {AddressSql("6", "n % 5000")} else {AddressSql("8", "1")} end,
               case when leg < 2 then 1000000000000000000 else 0 end, case when leg = 2 then 100000000000000000000 else 0 end,
               case when leg = 2 then 990000000000000000 else 0 end, case when leg < 2 then 99000000000000000000 else 0 end
        from generate_series(0::bigint, @blocks - 2, 2000) n cross join generate_series(0, 2) leg;
        """;

    private static readonly string Epochs = $"""
        insert into epochs (id, signer, start_block, end_block, assigned_end_block, original_signer, committed_block, committed_time, recommitted, cut_at_block)
        select e, {AddressSql("1", "(e * 7919) % @sequencers + 1")},
               case when (e - 1) % 50 = 7 then (e - 1) * @epoch_length + 700 else e * @epoch_length end,
               case when e % 50 = 7 then e * @epoch_length + 699 else (e + 1) * @epoch_length - 1 end,
               (e + 1) * @epoch_length - 1,
               {AddressSql("1", "(e * 7919) % @sequencers + 1")},
               greatest(0, e * @epoch_length - 500), @start + greatest(0, e * @epoch_length - 500) * interval '{BlockSeconds} seconds',
               (e - 1) % 50 = 7,
               case when e % 50 = 7 then e * @epoch_length + 700 end
        from generate_series(0::bigint, @blocks / @epoch_length) e;

        insert into recommits (l2_block, old_epoch_id, new_epoch_id, old_signer, new_signer, start_block, end_block, old_end_block, lost_blocks, time, tx_hash)
        select o.cut_at_block, o.id, o.id + 1, o.signer, n.signer, n.start_block, n.end_block, o.end_block, 300,
               @start + o.cut_at_block * interval '{BlockSeconds} seconds', sha256(('recommit' || o.id)::bytea)
        from epochs o join epochs n on n.id = o.id + 1 where o.cut_at_block is not null;

        insert into incidents (signer, epoch_id, kind, from_block, to_block, started_at, ended_at, duration_seconds, lost_blocks)
        select old_signer, old_epoch_id, 'recommit', old_end_block, l2_block, time - interval '190 seconds', time, 190, lost_blocks from recommits;
        -- Stalls the sequencer recovered from: one in three epochs, somewhere in the middle.
        insert into incidents (signer, epoch_id, kind, from_block, to_block, started_at, ended_at, duration_seconds, lost_blocks)
        select signer, id, 'gap', start_block + 400, start_block + 401,
               @start + (start_block + 400) * interval '{BlockSeconds} seconds', @start + (start_block + 400) * interval '{BlockSeconds} seconds' + interval '200 seconds', 200, 0
        from epochs where id % 3 = 1 and cut_at_block is null;
        """;

    private const string EpochStats = """
        insert into epoch_stats (epoch_id, blocks, tx_count, gas_used, fees, first_time, last_time, max_gap_seconds)
        select epoch_id, count(*), sum(tx_count), sum(gas_used), sum(fees), min(time), max(time), 15
        from l2_blocks group by epoch_id;
        update epoch_stats s set max_gap_seconds = 215 from incidents i where i.kind = 'gap' and i.epoch_id = s.epoch_id;
        """;

    private static readonly string Sequencers_ = $"""
        insert into signers (address, sequencer_id, since_block, since_time)
        select {AddressSql("1", "s")}, s, 19424700 + s * 10, @start + s * interval '1 hour' from generate_series(1, @sequencers) s;
        -- Six sequencers rotated their key once.
        insert into signers (address, sequencer_id, since_block, since_time, retired_block, retired_time)
        select {AddressSql("1", "s + 1000")}, s, 19424700, @start, 19424700 + s * 10, @start + s * interval '1 hour' from generate_series(1, 6) s;

        insert into pools (address, sequencer_id, operator, commission_bps, total_staked, total_shares, reward_per_share, rewards_harvested, commission_earned,
                           unbonding_delay_seconds, created_block, created_time)
        select {AddressSql("3", "p")}, @sequencers - @pools + p, {AddressSql("2", "@sequencers - @pools + p")}, 500 + p * 250,
               90000 * 10::numeric ^ 18, 88000 * 10::numeric ^ 18, 10::numeric ^ 17, 50000 * 10::numeric ^ 18, 5000 * 10::numeric ^ 18, 1814400, 19424800, @start
        from generate_series(1, @pools) p;
        insert into pool_discoveries (address, sequencer_id, block_number, operator, commission_bps, unbonding_delay_seconds)
        select address, sequencer_id, created_block, operator, commission_bps, unbonding_delay_seconds from pools;

        insert into sequencers (id, signer, owner, reward_recipient, signer_pubkey, status, locked, activation_batch, nonce, locked_at_block, locked_at, updated_at_block,
                                pool, accrued_reward, claimed_reward, compounded_reward, signer_changes, deactivation_time, unlock_claim_time, exited_at)
        select s, {AddressSql("1", "s")},
               coalesce((select address from pools where sequencer_id = s), {AddressSql("2", "s")}),
               {AddressSql("5", "s")}, sha512(int8send(s)),
               case when s = 3 then 1 when s = 5 then 3 else 2 end,
               case when s = 5 then 0 else (20000 + (s * 3779) % 80000) * 10::numeric ^ 18 end,
               1, 1 + s % 7, 19424700 + s * 10, @start + s * interval '1 hour', 19424700 + s * 10,
               (select address from pools where sequencer_id = s), 0, 0, 0, case when s <= 6 then 1 else 0 end,
               case when s in (3, 5) then now() - interval '10 days' end,
               case when s in (3, 5) then now() + interval '11 days' end,
               case when s = 5 then now() - interval '1 day' end
        from generate_series(1, @sequencers) s;

        -- A hundred stake changes per sequencer over its life.
        insert into stake_events (block_number, log_index, sequencer_id, time, tx_hash, kind, amount, locked_after, total_locked, from_reward)
        select 19424700 + s * 10 + k * 60000, 0, s, @start + s * interval '1 hour' + k * interval '10 days', sha256(('stake' || s || '-' || k)::bytea),
               case when k = 0 then 'lock' when k % 3 = 0 then 'withdraw' when k % 3 = 1 then 'compound' else 'relock' end,
               case when k = 0 then 20000 * 10::numeric ^ 18 when k % 3 = 0 then -100 * 10::numeric ^ 18 else 150 * 10::numeric ^ 18 end,
               (20000 + k * 50) * 10::numeric ^ 18, null, case when k % 3 = 1 then 150 * 10::numeric ^ 18 else 0 end
        from generate_series(1, @sequencers) s, generate_series(0, 99) k;
        """;

    private static readonly string Rewards = $"""
        -- A batch a day: six epochs each, every sequencer paid its produced blocks × 0.01248 METIS.
        insert into reward_batches (batch_id, start_epoch, end_epoch, amount, reward_per_block, block_number, time, tx_hash)
        select b, (b - 1) * 6, b * 6 - 1, 0, 12480000000000000, 19425000 + b * 7200, @start + b * interval '1 day', sha256(('batch' || b)::bytea)
        from generate_series(1, (@blocks / @epoch_length) / 6 - 1) b;
        insert into sequencer_rewards (batch_id, sequencer_id, signer, blocks, amount, time)
        select b.batch_id, g.sequencer_id, e.signer, sum(e.end_block - e.start_block + 1), sum(e.end_block - e.start_block + 1) * b.reward_per_block, b.time
        from reward_batches b
        join epochs e on e.id between b.start_epoch and b.end_epoch
        join signers g on g.address = e.signer
        group by b.batch_id, g.sequencer_id, e.signer, b.reward_per_block, b.time;
        update reward_batches b set amount = s.total from (select batch_id, sum(amount) as total from sequencer_rewards group by batch_id) s where s.batch_id = b.batch_id;
        update sequencers q set accrued_reward = r.total from (select sequencer_id, sum(amount) as total from sequencer_rewards group by sequencer_id) r where r.sequencer_id = q.id;

        insert into reward_claims (block_number, log_index, sequencer_id, recipient, amount, time, tx_hash)
        select 19425000 + m * 216000 + s, 1, s, {AddressSql("5", "s")}, 900 * 10::numeric ^ 18, @start + m * interval '30 days', sha256(('claim' || s || '-' || m)::bytea)
        from generate_series(1, @sequencers) s, generate_series(1, (@blocks * {BlockSeconds}) / (86400 * 30) - 1) m;
        update sequencers q set claimed_reward = c.total from (select sequencer_id, sum(amount) as total from reward_claims group by sequencer_id) c where c.sequencer_id = q.id;
        """;

    private static readonly string Delegation = $"""
        insert into delegations (pool, delegator, shares, delegated, undelegated, rewards_claimed, restaked, first_block, last_block)
        select {AddressSql("3", "d % @pools + 1")}, {AddressSql("4", "d")}, (d % 500 + 1) * 10::numeric ^ 18, (d % 500 + 100) * 10::numeric ^ 18,
               (d % 7) * 10::numeric ^ 18, (d % 11) * 10::numeric ^ 17, 0, 19425000 + d, 19425000 + d * 3
        from generate_series(1, @delegators) d;

        -- Ten actions per delegator.
        insert into delegation_events (block_number, log_index, pool, delegator, kind, amount, shares, nonce, time, tx_hash)
        select 19425000 + d * 10 + k, k, {AddressSql("3", "d % @pools + 1")}, {AddressSql("4", "d")},
               (array['delegate', 'claim', 'restake', 'undelegate', 'withdraw'])[k % 5 + 1], (d % 300 + k) * 10::numeric ^ 18, null,
               case when k % 5 in (1, 3) then k end,
               @start + ((d * 10 + k) % (@blocks * {BlockSeconds} / 60)) * interval '1 minute', sha256(('delegation' || d || '-' || k)::bytea)
        from generate_series(1, @delegators) d, generate_series(0, 9) k;

        insert into unbondings (pool, delegator, nonce, amount, is_reward, created_block, created_time, withdrawable_at, withdrawn_block, withdrawn_time)
        select {AddressSql("3", "d % @pools + 1")}, {AddressSql("4", "d")}, k, (d % 100 + 1) * 10::numeric ^ 18, k = 1, 19425000 + d * 10 + k,
               now() - ((d + k) % 60) * interval '1 day', now() - ((d + k) % 60) * interval '1 day' + interval '21 days',
               case when (d + k) % 60 > 40 then 19425000 + d * 10 + k + 200000 end,
               case when (d + k) % 60 > 40 then now() - ((d + k) % 60 - 25) * interval '1 day' end
        from generate_series(1, @delegators) d, generate_series(1, 2) k;
        """;

    private static readonly string RawAndState = """
        -- The logs behind the L1 projections, so a transaction hash can be searched for.
        insert into raw_logs (chain_id, block_hash, log_index, block_number, block_time, transaction_hash, transaction_index, address, topic0, data)
        select @l1, sha256(int8send(block_number)), log_index, block_number, time, tx_hash, 0, pool, sha256('topic'::bytea), '\x'::bytea from delegation_events;
        insert into raw_logs (chain_id, block_hash, log_index, block_number, block_time, transaction_hash, transaction_index, address, topic0, data)
        select @l1, sha256(int8send(block_number)), 10, block_number, time, tx_hash, 0, '\x0000000000000000000000000000000000000001'::bytea, sha256('topic'::bytea), '\x'::bytea
        from reward_batches;

        insert into chain_checkpoints (chain_id, stream, block_number, block_hash, block_time)
        select @l2, 'chain', max(number), sha256(int8send(max(number))), max(time) from l2_blocks;
        insert into chain_checkpoints (chain_id, stream, block_number, block_hash, block_time)
        values (@l1, 'chain', 19425000 + (@blocks / 1000) * 1200, sha256('l1head'::bytea), now() - interval '30 seconds');
        insert into indexer_status (chain_id, role, head_block, indexed_block, indexed_block_time, blocks_per_second, updated_at)
        select chain_id, case when chain_id = @l1 then 'L1' else 'L2' end, block_number, block_number, block_time, 0, now() from chain_checkpoints;

        update network_state set total_locked = (select sum(locked) from sequencers), current_batch = (select max(batch_id) from reward_batches),
            reward_per_block = 12480000000000000, min_lock = 20000 * 10::numeric ^ 18, max_lock = 100000 * 10::numeric ^ 18,
            exit_delay_seconds = 1814400, epoch_length = @epoch_length where id = 1;
        """;
}
