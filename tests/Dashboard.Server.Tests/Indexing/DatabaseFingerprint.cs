using Npgsql;

namespace Dashboard.Server.Tests.Indexing;

/// <summary>A digest of every indexed table's contents, to compare two databases that indexed the same chains.</summary>
public static class DatabaseFingerprint
{
    // Columns that depend on when or how often something ran, not on the chains, are left out.
    private static readonly (string Table, string Columns, string Order)[] Tables =
    [
        ("raw_logs", "chain_id, block_hash, log_index, block_number, block_time, transaction_hash, address, topic0, topic1, topic2, topic3, data", "chain_id, block_number, log_index"),
        ("event_blocks e", "chain_id, number, hash, time", "chain_id, number"),
        ("l2_blocks", "number, hash, parent_hash, time, gas_used, tx_count, fees, epoch_id, producer, ordered_txs, first_sender, fee_inversions", "number"),
        ("reward_batch_calls", "block_hash, log_index, batch_id, start_epoch, end_epoch, seqs, blocks", "batch_id"),
        ("recommit_readbacks", "block_hash, log_index, old_epoch_id, old_end_block", "old_epoch_id"),
        ("pool_discoveries", "address, sequencer_id, block_number, operator, commission_bps, unbonding_delay_seconds", "address"),
        ("sequencers", "id, signer, owner, reward_recipient, pool, status, locked, nonce, accrued_reward, claimed_reward, compounded_reward, unlock_claim_time, exited_at", "id"),
        ("signers", "address, sequencer_id, since_block, retired_block", "address"),
        ("stake_events", "block_number, log_index, sequencer_id, kind, amount, locked_after, from_reward", "block_number, log_index"),
        ("reward_batches", "batch_id, start_epoch, end_epoch, amount, reward_per_block, block_number", "batch_id"),
        ("sequencer_rewards", "batch_id, sequencer_id, blocks, amount", "batch_id, sequencer_id"),
        ("reward_claims", "block_number, log_index, sequencer_id, amount", "block_number, log_index"),
        ("pools", "address, sequencer_id, commission_bps, total_staked, total_shares, reward_per_share", "address"),
        ("delegations", "pool, delegator, shares, delegated, undelegated, rewards_claimed, restaked", "pool, delegator"),
        ("delegation_events", "block_number, log_index, delegator, kind, amount, nonce", "block_number, log_index"),
        ("unbondings", "pool, delegator, nonce, amount, is_reward, withdrawable_at, withdrawn_block", "pool, delegator, nonce"),
        ("epochs", "id, signer, start_block, end_block, assigned_end_block, recommitted, cut_at_block", "id"),
        ("epoch_stats", "epoch_id, blocks, tx_count, fees, first_time, last_time, max_gap_seconds", "epoch_id"),
        ("recommits", "l2_block, old_epoch_id, new_epoch_id, old_end_block, lost_blocks, never_started", "l2_block"),
        // Incident ids follow the order ranges were written in, which depends on their sizes: left out.
        ("incidents", "signer, epoch_id, kind, from_block, to_block, duration_seconds, lost_blocks, producer", "kind, to_block"),
        ("vault_outflows", "block_number, log_index, kind, recipient, amount, time", "block_number, log_index"),
        ("bridge_arrivals", "block_number, log_index, tx_hash, time, sender, recipient, amount", "block_number, log_index"),
        ("swaps", "block_number, log_index, tx_hash, pool, sender, recipient, amount0_in, amount1_in, amount0_out, amount1_out", "block_number, log_index"),
        ("parameter_changes", "chain, block_number, log_index, time, tx_hash, contract, parameter, subject, old_value, new_value", "chain, block_number, log_index"),
    ];

    // What the stats job derives from the indexed blocks in passes of its own (compared only where a test ran it on both).
    private static readonly (string Table, string Columns, string Order)[] Derived =
    [
        ("liveness_anomalies", "block, time, interval_seconds, baseline_median, baseline_spread, score, cause, epoch_id, signer", "block"),
        ("epoch_commit_timing", "epoch_id, committed_time, previous_end, late, seconds, signer", "epoch_id"),
        ("epoch_fairness", "epoch_id, signer, last_time, ordered_blocks, multi_tx_blocks, against_fee_blocks, own_first_blocks", "epoch_id"),
        ("sandwiches", "victim_block, victim_log_index, time, pool, attacker, victim, front_block, front_log_index, back_block, back_log_index, epoch_id, signer", "victim_block, victim_log_index"),
    ];

    /// <summary>The rows of <paramref name="table"/> (as the fingerprint sees them) that only one of the two databases has, a few of each.</summary>
    public static async Task<string> DiffAsync(string table, string expected, string actual)
    {
        var (name, columns, order) = Tables.Concat(Derived).Single(t => t.Table == table);
        async Task<HashSet<string>> RowsAsync(string connectionString)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"select row({columns})::text from {name} order by {order}", connection);
            var rows = new HashSet<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }

            return rows;
        }

        var a = await RowsAsync(expected);
        var b = await RowsAsync(actual);
        return $"{table}: only in the clean index: {string.Join("; ", a.Except(b).Take(5))} | only in the reorged one: {string.Join("; ", b.Except(a).Take(5))}";
    }

    /// <param name="derived">Also the stats job's derived tables (both databases must have had the job run after indexing).</param>
    public static async Task<IReadOnlyDictionary<string, string>> ComputeAsync(string connectionString, bool derived = false)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var digests = new Dictionary<string, string>();
        foreach (var (table, columns, order) in derived ? Tables.Concat(Derived) : Tables)
        {
            // Range ends are headers kept at range boundaries, which differ between runs; the blocks with events do not.
            var filter = table.StartsWith("event_blocks", StringComparison.Ordinal)
                ? " where exists (select 1 from raw_logs l where l.chain_id = e.chain_id and l.block_number = e.number)"
                : "";
            var sql = $"select count(*) || ':' || coalesce(md5(string_agg(row({columns})::text, '|' order by {order})), '') from {table}{filter}";
            await using var command = new NpgsqlCommand(sql, connection);
            digests[table] = (string)(await command.ExecuteScalarAsync())!;
        }

        return digests;
    }
}
