using System.Numerics;
using Dashboard.Core.Api;
using Dashboard.Core.Formatting;
using Dashboard.Server.Directory;
using Npgsql;

namespace Dashboard.Server.Alerts;

/// <summary>
/// Alerts on a state that time or several events bring about rather than one event: a pending reward worth claiming,
/// no reward batch for a while, a stake close to minLock, an unlock or an unbonding entry that matured. Checked over the
/// indexed state with each run of the rolling figures (every few seconds); each occurrence alerts once (its fact key
/// names it: a reward level until the next claim, the last batch, the stake, the entry).
/// </summary>
public sealed class AlertConditions(NpgsqlDataSource dataSource, AlertOutbox outbox, SequencerDirectory directory, Transactions.ChainClients chains, Configuration.ResolvedNetwork network,
    TimeProvider clock, ILogger<AlertConditions> logger)
{
    public async Task EvaluateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var watched = new List<(long Id, long Sequencer, string Trigger, int WindowMinutes, BigInteger? Amount, byte[] Owner)>();
        await using (var read = new NpgsqlCommand("""
            select s.id, s.sequencer_id, s.trigger, s.window_minutes, s.amount, s.owner
            from alert_subscriptions s join sequencers q on q.id = s.sequencer_id
            where s.trigger = any(@triggers) and not s.muted and q.exited_at is null and q.status <> @unlocked
              and (q.status <> @leaving or s.trigger = any(@whileLeaving))
            """, connection, transaction))
        {
            read.Parameters.AddWithValue("triggers", AlertTriggers.Conditions.ToArray());
            read.Parameters.AddWithValue("unlocked", (short)SequencerStatus.Unlocked);
            read.Parameters.AddWithValue("leaving", (short)SequencerStatus.Inactive);
            read.Parameters.AddWithValue("whileLeaving", AlertTriggers.WhileLeaving.ToArray());
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                watched.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<BigInteger>(4), (byte[])reader[5]));
            }
        }

        if (watched.Count == 0)
        {
            return;
        }

        var names = await directory.GetAsync(cancellationToken);
        var state = await ReadStateAsync(connection, transaction, watched.Select(w => w.Sequencer).Distinct().ToArray(), network.Chain(Core.Chains.ChainRole.L1).ChainId, cancellationToken);
        // Maturities are the contracts' (block.timestamp on L1): the newest L1 block indexed says what is claimable. Waiting
        // ("no batch for …") runs on the wall clock too, so a chain that stopped being indexed still counts as time passing.
        var chainNow = state.L1Time ?? clock.GetUtcNow();
        var now = chainNow > clock.GetUtcNow() ? chainNow : clock.GetUtcNow();
        var ids = new List<long>();
        foreach (var subscription in watched)
        {
            if (!state.Sequencers.TryGetValue(subscription.Sequencer, out var s))
            {
                continue;
            }

            var facts = subscription.Trigger switch
            {
                AlertTriggers.RewardPending when subscription.Amount is { } level && s.Pending >= level && s.Pending > 0 =>
                    [await RewardFactAsync(s, level, cancellationToken)],
                AlertTriggers.NoRewardBatch when s.Status == SequencerStatus.Active && now - (s.LastBatchTime ?? s.LockedAt) > TimeSpan.FromMinutes(subscription.WindowMinutes) =>
                    [new AlertFact($"no-batch:{s.Id}:{s.LastBatch ?? 0}", [AlertTriggers.NoRewardBatch], s.Id, null, now, "{sequencer}: no reward batch for " + TimeText(now - (s.LastBatchTime ?? s.LockedAt)),
                        s.LastBatch is { } batch ? $"{{sequencer}} was last credited by reward batch {batch} at {s.LastBatchTime:yyyy-MM-dd HH:mm} UTC; is it producing, and is the MPC submitting batches?"
                            : $"{{sequencer}} has had no reward batch since it locked at {s.LockedAt:yyyy-MM-dd HH:mm} UTC.", $"sequencers/{s.Id}?tab=rewards")],
                AlertTriggers.NearMinLock when subscription.Amount is { } margin && state.MinLock is { } min && s.Locked - min <= margin =>
                    [new AlertFact($"min-lock:{s.Id}:{s.Locked}", [AlertTriggers.NearMinLock], s.Id, null, now, "{sequencer}: stake close to minLock",
                        $"{{sequencer}} has {MetisAmount.Format(s.Locked, 4)} locked, {MetisAmount.Format(BigInteger.Max(0, s.Locked - min), 4)} above minLock ({MetisAmount.Format(min, 0)}).", $"sequencers/{s.Id}?tab=stake")],
                AlertTriggers.UnlockClaimable when s.Status == SequencerStatus.Inactive && s.UnlockClaimTime is { } claimable && claimable <= chainNow =>
                    [new AlertFact($"claimable:{s.Id}:{claimable.ToUnixTimeSeconds()}", [AlertTriggers.UnlockClaimable], s.Id, null, claimable, "{sequencer}: the unlocked stake can be claimed",
                        $"The exit delay of {{sequencer}} ended at {claimable:yyyy-MM-dd HH:mm} UTC: its owner can claim the stake (unlockClaim) now.", "operator")],
                AlertTriggers.Withdrawable =>
                    await WithdrawableAsync(connection, transaction, s, subscription.Owner, chainNow, cancellationToken),
                AlertTriggers.CapacityFreed =>
                    await CapacityAsync(connection, transaction, subscription.Id, s, subscription.Amount ?? MetisAmount.FromMetis(1m), state.MaxLock, now, cancellationToken),
                _ => (IReadOnlyList<AlertFact>)[],
            };
            foreach (var fact in facts)
            {
                if (await outbox.InsertAsync(connection, transaction, subscription.Id, fact, AlertOutbox.Named(names, s.Id), cancellationToken) is { } id)
                {
                    ids.Add(id);
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        outbox.Dispatch(ids);
    }

    private async Task<AlertFact> RewardFactAsync(SequencerState s, BigInteger level, CancellationToken cancellationToken)
    {
        var fee = await BridgeFeeAsync(cancellationToken);
        var feeText = fee is { } eth ? $" Withdrawing to L2 costs a bridge fee of {MetisAmount.Format(eth, 6, withUnit: false)} ETH now." : "";
        return new AlertFact($"reward-pending:{s.Id}:{level}:{s.Claimed}", [AlertTriggers.RewardPending], s.Id, null, clock.GetUtcNow(), "{sequencer}: reward to claim",
            $"{{sequencer}} has {MetisAmount.Format(s.Pending, 4)} of reward pending (your reminder is at {MetisAmount.Format(level, 4)}).{feeText}", "operator");
    }

    /// <summary>
    /// Room in the pool again: the subscription is armed while the pool has less room than asked, and fires (once, disarming)
    /// the first time it has that much again.
    /// </summary>
    private static async Task<IReadOnlyList<AlertFact>> CapacityAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long subscription, SequencerState s, BigInteger wanted,
        BigInteger? maxLock, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (s.Pool is null || maxLock is null)
        {
            return [];
        }

        var room = ReadModel.StakingRules.CapacityLeft(s.Status, s.Locked, s.Pending, pooled: true, maxLock);
        var full = room < wanted;
        await using var flip = new NpgsqlCommand("update alert_subscriptions set armed = @full where id = @id and armed <> @full returning 1", connection, transaction);
        flip.Parameters.AddWithValue("full", full);
        flip.Parameters.AddWithValue("id", subscription);
        var flipped = await flip.ExecuteScalarAsync(cancellationToken) is not null;
        return full || !flipped ? [] :
        [
            new AlertFact($"capacity:{s.Id}:{now.ToUnixTimeSeconds()}", [AlertTriggers.CapacityFreed], s.Id, null, now, "{sequencer}: room to delegate again",
                $"The pool of {{sequencer}} has room for {MetisAmount.Format(room, 2)} again (it was full). Delegate before it fills up.", $"sequencers/{s.Id}?tab=delegators"),
        ];
    }

    /// <summary>The bridge fee of a reward withdrawal now, as the bridge charges it; null when it cannot be read (the reminder goes without it).</summary>
    private async Task<BigInteger?> BridgeFeeAsync(CancellationToken cancellationToken)
    {
        if (!network.Chain(Core.Chains.ChainRole.L1).Contracts.TryGetValue(Core.Chains.ContractNames.AddressManager, out var addressManager))
        {
            return null;
        }

        try
        {
            return await Contracts.Bridge.BridgeFee.ReadAsync(chains.For(Core.Chains.ChainRole.L1), addressManager.Address, Transactions.WalletReader.BridgeL2Gas, cancellationToken);
        }
        catch (Exception ex) when (ex is Ethereum.Rpc.RpcException or TimeoutException or HttpRequestException)
        {
            logger.LogInformation("Bridge fee not read for a claim reminder: {Error}", ex.Message);
            return null;
        }
    }

    private static async Task<IReadOnlyList<AlertFact>> WithdrawableAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SequencerState s, byte[] owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (s.Pool is null)
        {
            return [];
        }

        await using var read = new NpgsqlCommand("""
            select nonce, amount, is_reward, withdrawable_at from unbondings
            where pool = @pool and delegator = @owner and withdrawn_block is null and withdrawable_at <= @now
            """, connection, transaction);
        read.Parameters.AddWithValue("pool", s.Pool);
        read.Parameters.AddWithValue("owner", owner);
        read.Parameters.AddWithValue("now", now);
        var facts = new List<AlertFact>();
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (nonce, amount, reward, at) = (reader.GetInt64(0), reader.GetFieldValue<BigInteger>(1), reader.GetBoolean(2), reader.GetFieldValue<DateTimeOffset>(3));
            facts.Add(new AlertFact($"withdrawable:{Convert.ToHexStringLower(s.Pool)}:{nonce}", [AlertTriggers.Withdrawable], s.Id, null, at, "{sequencer}: your unbonding entry can be withdrawn",
                $"Your {(reward ? "claimed reward" : "undelegated stake")} of {MetisAmount.Format(amount, 4)} in the pool of {{sequencer}} (entry {nonce}) matured at {at:yyyy-MM-dd HH:mm} UTC: withdraw it from My delegations.", "portfolio"));
        }

        return facts;
    }

    private sealed record SequencerState(long Id, SequencerStatus Status, BigInteger Locked, BigInteger Pending, BigInteger Claimed, DateTimeOffset LockedAt, DateTimeOffset? UnlockClaimTime,
        byte[]? Pool, long? LastBatch, DateTimeOffset? LastBatchTime);

    private static async Task<(Dictionary<long, SequencerState> Sequencers, BigInteger? MinLock, BigInteger? MaxLock, DateTimeOffset? L1Time)> ReadStateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long[] ids, long l1ChainId, CancellationToken cancellationToken)
    {
        var sequencers = new Dictionary<long, SequencerState>();
        await using (var read = new NpgsqlCommand("""
            select q.id, q.status, q.locked, q.accrued_reward - q.claimed_reward - q.compounded_reward, q.claimed_reward + q.compounded_reward, q.locked_at, q.unlock_claim_time, q.pool,
                   r.batch_id, r.time
            from sequencers q
            left join lateral (select batch_id, time from sequencer_rewards where sequencer_id = q.id order by time desc limit 1) r on true
            where q.id = any(@ids)
            """, connection, transaction))
        {
            read.Parameters.AddWithValue("ids", ids);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                sequencers[reader.GetInt64(0)] = new SequencerState(reader.GetInt64(0), (SequencerStatus)reader.GetInt16(1), reader.GetFieldValue<BigInteger>(2), reader.GetFieldValue<BigInteger>(3),
                    reader.GetFieldValue<BigInteger>(4), reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                    reader.IsDBNull(7) ? null : (byte[])reader[7], reader.IsDBNull(8) ? null : reader.GetInt64(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9));
            }
        }

        await using var network = new NpgsqlCommand($"""
            select (select min_lock from network_state where id = 1), (select max_lock from network_state where id = 1),
                   (select max(c.block_time) from chain_checkpoints c where c.stream = '{Indexing.RangeWriter.Stream}' and c.chain_id = @l1)
            """, connection, transaction);
        network.Parameters.AddWithValue("l1", l1ChainId);
        await using var row = await network.ExecuteReaderAsync(cancellationToken);
        await row.ReadAsync(cancellationToken);
        return (sequencers, row.IsDBNull(0) ? null : row.GetFieldValue<BigInteger>(0), row.IsDBNull(1) ? null : row.GetFieldValue<BigInteger>(1),
            row.IsDBNull(2) ? null : row.GetFieldValue<DateTimeOffset>(2));
    }

    private static string TimeText(TimeSpan span) => span.TotalDays >= 2 ? $"{span.TotalDays:0} days" : span.TotalHours >= 2 ? $"{span.TotalHours:0} hours" : $"{span.TotalMinutes:0} minutes";
}
