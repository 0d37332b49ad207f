using Dashboard.Core.Api;
using Dashboard.Ethereum;
using Dashboard.Server.Api;
using Dashboard.Server.Directory;
using Npgsql;

namespace Dashboard.Server.Analytics;

/// <summary>
/// Sequencing fairness, the MEV watch: how each sequencer ordered its blocks (its own transactions first; transactions
/// against the gas price they offered), the trades sandwiched in its epochs (<see cref="SandwichRule"/>) and how long the
/// deposits from L1 it included had waited. The stats job adds each new L2 block's order to its epoch's counts and
/// searches the new swaps for sandwiches, from where it stopped; an L2 rollback takes back what lay above the fork.
/// </summary>
public sealed class SequencingFairness(NpgsqlDataSource dataSource, SequencerDirectory directory, TimeProvider clock)
{
    // A block's first ordered transaction is the sequencer's own when its signer for the epoch, its owner, its reward
    // recipient or its pool's operator sent it.
    private const string CountSql = """
        insert into epoch_fairness (epoch_id, signer, last_time, ordered_blocks, multi_tx_blocks, against_fee_blocks, own_first_blocks)
        select b.epoch_id, e.signer, max(b.time),
               count(*) filter (where b.ordered_txs > 0),
               count(*) filter (where b.ordered_txs > 1),
               count(*) filter (where b.ordered_txs > 1 and b.fee_inversions > 0),
               count(*) filter (where b.first_sender is not null
                   and (b.first_sender = e.signer or b.first_sender = q.owner or b.first_sender = q.reward_recipient or b.first_sender = d.operator))
        from l2_blocks b
        join epochs e on e.id = b.epoch_id
        left join signers sg on sg.address = e.signer
        left join sequencers q on q.id = sg.sequencer_id
        left join pool_discoveries d on d.address = q.pool
        where b.number between @from and @to
        group by b.epoch_id, e.signer
        on conflict (epoch_id) do update set
            last_time = greatest(epoch_fairness.last_time, excluded.last_time),
            ordered_blocks = epoch_fairness.ordered_blocks + excluded.ordered_blocks,
            multi_tx_blocks = epoch_fairness.multi_tx_blocks + excluded.multi_tx_blocks,
            against_fee_blocks = epoch_fairness.against_fee_blocks + excluded.against_fee_blocks,
            own_first_blocks = epoch_fairness.own_first_blocks + excluded.own_first_blocks
        """;

    private sealed record SwapRow(long Block, int LogIndex, byte[] Pool, byte[] Trader, bool ZeroForOne, long? EpochId, DateTime Time, byte[]? Signer,
        System.Numerics.BigInteger AmountIn, System.Numerics.BigInteger AmountOut);

    /// <summary>The stats job's part, in its transaction (which holds rollup_state's row).</summary>
    public static async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (await BlockMark.NewBlocksAsync(connection, transaction, "fairness_through_block", cancellationToken) is not { } range)
        {
            return;
        }

        var (from, head) = range;

        await using (var count = new NpgsqlCommand(CountSql, connection, transaction))
        {
            count.CommandTimeout = 600;
            count.Parameters.AddWithValue("from", from);
            count.Parameters.AddWithValue("to", head);
            await count.ExecuteNonQueryAsync(cancellationToken);
        }

        await FindSandwichesAsync(connection, transaction, from, head, cancellationToken);

        await BlockMark.SetAsync(connection, transaction, "fairness_through_block", head, cancellationToken);
    }

    /// <summary>
    /// Sandwiches with a leg in the new blocks: the swaps from <see cref="SandwichRule.MaxSpanBlocks"/> blocks before
    /// them on, in each pool's order (a sandwich whose victim an earlier run saw without its back leg is found now).
    /// </summary>
    private static async Task FindSandwichesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long from, long to, CancellationToken cancellationToken)
    {
        var swaps = new List<SwapRow>();
        await using (var read = new NpgsqlCommand("""
            select s.block_number, s.log_index, s.pool, s.recipient, s.amount0_in > 0, b.epoch_id, b.time, e.signer,
                   case when s.amount0_in > 0 then s.amount0_in else s.amount1_in end, case when s.amount0_in > 0 then s.amount1_out else s.amount0_out end
            from swaps s join l2_blocks b on b.number = s.block_number left join epochs e on e.id = b.epoch_id
            where s.block_number between @lo and @to
            order by s.pool, s.block_number, s.log_index
            """, connection, transaction))
        {
            read.Parameters.AddWithValue("lo", from - SandwichRule.MaxSpanBlocks);
            read.Parameters.AddWithValue("to", to);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                swaps.Add(new SwapRow(reader.GetInt64(0), reader.GetInt32(1), (byte[])reader[2], (byte[])reader[3], reader.GetBoolean(4),
                    reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.GetDateTime(6), reader.IsDBNull(7) ? null : (byte[])reader[7],
                    reader.GetFieldValue<System.Numerics.BigInteger>(8), reader.GetFieldValue<System.Numerics.BigInteger>(9)));
            }
        }

        var found = new List<(SwapRow Front, SwapRow Victim, SwapRow Back)>();
        foreach (var pool in swaps.GroupBy(s => Convert.ToHexString(s.Pool)))
        {
            var list = pool.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                var front = list[i];
                var j = i + 1;
                while (j < list.Count && !list[j].Trader.AsSpan().SequenceEqual(front.Trader) && list[j].ZeroForOne == front.ZeroForOne)
                {
                    j++;
                }

                if (j == i + 1 || j == list.Count)
                {
                    continue;
                }

                var back = list[j];
                var victims = list.GetRange(i + 1, j - i - 1);
                // The attacker sells back exactly what its front-run bought: traders who merely happen to trade both ways
                // around someone else do not.
                if (back.Trader.AsSpan().SequenceEqual(front.Trader) && back.ZeroForOne != front.ZeroForOne && back.AmountIn == front.AmountOut && front.EpochId is { } epoch
                    && back.Block - front.Block <= SandwichRule.MaxSpanBlocks && back.EpochId == epoch && victims.All(v => v.EpochId == epoch))
                {
                    found.AddRange(victims.Select(v => (front, v, back)));
                }
            }
        }

        if (found.Count == 0)
        {
            return;
        }

        await using var insert = new NpgsqlCommand("""
            insert into sandwiches (victim_block, victim_log_index, time, pool, attacker, victim, front_block, front_log_index, back_block, back_log_index, epoch_id, signer)
            select * from unnest(@vb, @vl, @t, @pool, @attacker, @victim, @fb, @fl, @bb, @bl, @epoch, @signer)
            on conflict do nothing
            """, connection, transaction);
        insert.Parameters.AddWithValue("vb", found.Select(f => f.Victim.Block).ToArray());
        insert.Parameters.AddWithValue("vl", found.Select(f => f.Victim.LogIndex).ToArray());
        insert.Parameters.AddWithValue("t", found.Select(f => f.Victim.Time).ToArray());
        insert.Parameters.AddWithValue("pool", found.Select(f => f.Victim.Pool).ToArray());
        insert.Parameters.AddWithValue("attacker", found.Select(f => f.Front.Trader).ToArray());
        insert.Parameters.AddWithValue("victim", found.Select(f => f.Victim.Trader).ToArray());
        insert.Parameters.AddWithValue("fb", found.Select(f => f.Front.Block).ToArray());
        insert.Parameters.AddWithValue("fl", found.Select(f => f.Front.LogIndex).ToArray());
        insert.Parameters.AddWithValue("bb", found.Select(f => f.Back.Block).ToArray());
        insert.Parameters.AddWithValue("bl", found.Select(f => f.Back.LogIndex).ToArray());
        insert.Parameters.AddWithValue("epoch", found.Select(f => f.Front.EpochId!.Value).ToArray());
        insert.Parameters.AddWithValue("signer", found.Select(f => f.Front.Signer ?? []).ToArray());
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<FairnessReport> ReportAsync(string window, long? sequencerId, CancellationToken cancellationToken)
    {
        var names = await directory.GetAsync(cancellationToken);
        await using var query = await WindowQuery.OpenAsync(dataSource, clock, window, sequencerId, cancellationToken);

        long? checkedThrough;
        await using (var read = query.Command("select fairness_through_block from rollup_state where id = 1"))
        {
            checkedThrough = await read.ExecuteScalarAsync(cancellationToken) is long value ? value : null;
        }

        // Per sequencer (or per epoch of one): epochs that ended in the window, as the rolling figures count them.
        var key = sequencerId is null ? "sg.sequencer_id" : "f.epoch_id";
        var counts = new List<(long Key, long Sequencer, long Ordered, long OwnFirst, long Multi, long Against)>();
        await using (var read = query.Command($"""
            select {key}, min(sg.sequencer_id), sum(f.ordered_blocks), sum(f.own_first_blocks), sum(f.multi_tx_blocks), sum(f.against_fee_blocks)
            from epoch_fairness f join signers sg on sg.address = f.signer
            where f.last_time >= @since and (@sequencer is null or sg.sequencer_id = @sequencer)
            group by 1 order by 1 {(sequencerId is null ? "" : $"desc limit {FairnessReport.ListLimit}")}
            """))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                counts.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
            }
        }

        // Counted in the database, listed (with the three transactions) only for the newest.
        var sandwichCounts = new Dictionary<long, int>();
        await using (var read = query.Command($"""
            select {(sequencerId is null ? "sg.sequencer_id" : "w.epoch_id")}, count(*)::int
            from sandwiches w join signers sg on sg.address = w.signer
            where w.time >= @since and (@sequencer is null or sg.sequencer_id = @sequencer)
            group by 1
            """))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                sandwichCounts[reader.GetInt64(0)] = reader.GetInt32(1);
            }
        }

        var sandwiches = new List<SandwichItem>();
        await using (var read = query.Command($"""
            select w.victim_block, w.time, w.pool, w.attacker, w.victim, v.tx_hash, f.tx_hash, b.tx_hash, w.epoch_id, sg.sequencer_id
            from (select * from sandwiches w
                  where w.time >= @since and (@sequencer is null or w.signer in (select address from signers where sequencer_id = @sequencer))
                  order by w.victim_block desc, w.victim_log_index desc
                  limit {FairnessReport.ListLimit}) w
            join swaps v on v.block_number = w.victim_block and v.log_index = w.victim_log_index
            join swaps f on f.block_number = w.front_block and f.log_index = w.front_log_index
            join swaps b on b.block_number = w.back_block and b.log_index = w.back_log_index
            join signers sg on sg.address = w.signer
            order by w.victim_block desc, w.victim_log_index desc
            """))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var sequencer = reader.GetInt64(9);
                sandwiches.Add(new SandwichItem
                {
                    Block = reader.GetInt64(0), Time = reader.GetFieldValue<DateTimeOffset>(1),
                    Pool = ApiStrings.Of(new Address((byte[])reader[2])), Attacker = ApiStrings.Of(new Address((byte[])reader[3])), Victim = ApiStrings.Of(new Address((byte[])reader[4])),
                    VictimTx = ApiStrings.Of(new Hash32((byte[])reader[5])), FrontTx = ApiStrings.Of(new Hash32((byte[])reader[6])), BackTx = ApiStrings.Of(new Hash32((byte[])reader[7])),
                    EpochId = reader.GetInt64(8), SequencerId = sequencer, SequencerName = names.NameOf(sequencer),
                });
            }
        }

        // Deposits from L1 (reward payouts) each sequencer included in the window: L1 deposit → its L2 block.
        var delays = new Dictionary<long, List<int>>();
        await using (var read = query.Command($"""
            with {BridgePayouts.PayoutsCte}
            select {(sequencerId is null ? "sg.sequencer_id" : "e.id")}, extract(epoch from p.l2_time - p.time)::int
            from payouts p join l2_blocks b on b.number = p.l2_block join epochs e on e.id = b.epoch_id join signers sg on sg.address = e.signer
            where p.l2_time >= @since and (@sequencer is null or sg.sequencer_id = @sequencer)
            """))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var k = reader.GetInt64(0);
                (delays.TryGetValue(k, out var list) ? list : delays[k] = []).Add(reader.GetInt32(1));
            }
        }

        var lines = counts.Select(c => new FairnessLine
        {
            SequencerId = c.Sequencer, SequencerName = names.NameOf(c.Sequencer), EpochId = sequencerId is null ? null : c.Key,
            OrderedBlocks = c.Ordered, OwnFirstBlocks = c.OwnFirst, OwnFirstShare = Share(c.OwnFirst, c.Ordered),
            MultiTxBlocks = c.Multi, AgainstFeeBlocks = c.Against, AgainstFeeShare = Share(c.Against, c.Multi),
            Sandwiches = sandwichCounts.GetValueOrDefault(c.Key),
            DepositDelay = Liveness.Summarize(delays.GetValueOrDefault(c.Key) ?? []),
        }).ToList();

        return new FairnessReport
        {
            Window = window, SequencerId = sequencerId, CheckedThroughBlock = checkedThrough, Lines = lines, Sandwiches = sandwiches, SandwichCount = sandwichCounts.Values.Sum(),
        };
    }

    private static double Share(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 9);
}
