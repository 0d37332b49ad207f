using Dashboard.Data.Entities;
using Dashboard.Server.Configuration;
using Dashboard.Server.Indexing.Projections;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Server.Indexing;

/// <summary>
/// Writes L2 blocks (binary COPY into the partitioned l2_blocks, creating partitions as the chain grows), gives
/// each block the epoch that produced it, adds them to the epochs' stats and records stalls inside an epoch as
/// gap incidents and blocks signed by another sequencer than the epoch's as wrong-producer incidents. Rolling back removes blocks and recomputes the stats of the epochs they touched.
/// </summary>
public sealed class L2BlockStore
{
    public const long PartitionSize = 1_000_000;

    // Partitions known to exist: checked once each, not on every range (the L2 events pass shares the writer: thread-safe).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, bool> _partitions = new();

    /// <summary>Forgets the partitions seen: after a failed transaction, one created in it does not exist.</summary>
    public void Forget() => _partitions.Clear();

    /// <returns>The gap and wrong-producer incidents this write added (not those a range written before already had).</returns>
    public async Task<IReadOnlyList<Incident>> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IndexedChain chain, IReadOnlyList<L2Block> blocks, CancellationToken cancellationToken)
    {
        if (blocks.Count == 0)
        {
            return [];
        }

        var from = blocks[0].Number;
        var to = blocks[^1].Number;
        await EnsurePartitionsAsync(connection, transaction, from, to, cancellationToken);

        // The schedule as it stands after this range's logs were applied (same transaction).
        var epochs = new List<(long Id, long Start, long End, byte[] Signer)>();
        await using (var command = new NpgsqlCommand("select id, start_block, end_block, signer from epochs where start_block <= @to and end_block >= @from order by id desc", connection, transaction))
        {
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", to);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                epochs.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), (byte[])reader[3]));
            }
        }

        foreach (var block in blocks)
        {
            block.EpochId = null;
            foreach (var epoch in epochs)
            {
                if (epoch.Start <= block.Number && block.Number <= epoch.End)
                {
                    block.EpochId = epoch.Id;
                    break;
                }
            }
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "copy l2_blocks (number, hash, parent_hash, time, gas_used, tx_count, fees, epoch_id, producer, ordered_txs, first_sender, fee_inversions) from stdin (format binary)", cancellationToken))
        {
            foreach (var block in blocks)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(block.Number, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(block.Hash.ToBytes(), NpgsqlDbType.Bytea, cancellationToken);
                await writer.WriteAsync(block.ParentHash.ToBytes(), NpgsqlDbType.Bytea, cancellationToken);
                await writer.WriteAsync(block.Time.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(block.GasUsed, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(block.TxCount, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(block.Fees, NpgsqlDbType.Numeric, cancellationToken);
                if (block.EpochId is { } epochId)
                {
                    await writer.WriteAsync(epochId, NpgsqlDbType.Bigint, cancellationToken);
                }
                else
                {
                    await writer.WriteNullAsync(cancellationToken);
                }

                await WriteOrNullAsync(writer, block.Producer?.ToBytes(), cancellationToken);
                await WriteOrNullAsync(writer, block.OrderedTxs, cancellationToken);
                await WriteOrNullAsync(writer, block.FirstSender?.ToBytes(), cancellationToken);
                await WriteOrNullAsync(writer, block.FeeInversions, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        return await AddToEpochStatsAsync(connection, transaction, chain, blocks, epochs.ToDictionary(e => e.Id, e => e.Signer), cancellationToken);
    }

    private static Task WriteOrNullAsync(NpgsqlBinaryImporter writer, byte[]? value, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, NpgsqlDbType.Bytea, cancellationToken);

    private static Task WriteOrNullAsync(NpgsqlBinaryImporter writer, int? value, CancellationToken cancellationToken) =>
        value is { } v ? writer.WriteAsync(v, NpgsqlDbType.Integer, cancellationToken) : writer.WriteNullAsync(cancellationToken);

    private static async Task<IReadOnlyList<Incident>> AddToEpochStatsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IndexedChain chain, IReadOnlyList<L2Block> blocks,
        Dictionary<long, byte[]> signers, CancellationToken cancellationToken)
    {
        var groups = blocks.Where(b => b.EpochId is not null).GroupBy(b => b.EpochId!.Value).ToList();
        if (groups.Count == 0)
        {
            return [];
        }

        var lastSeen = new Dictionary<long, (long Number, DateTimeOffset Time)>();
        await using (var command = new NpgsqlCommand("select epoch_id, last_time from epoch_stats where epoch_id = any(@ids) and last_time is not null", connection, transaction))
        {
            command.Parameters.AddWithValue("ids", groups.Select(g => g.Key).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                lastSeen[reader.GetInt64(0)] = (0, reader.GetFieldValue<DateTimeOffset>(1));
            }
        }

        var incidents = new List<Incident>();
        var stats = new List<(long Id, long Blocks, long Txs, decimal Gas, System.Numerics.BigInteger Fees, DateTime First, DateTime Last, int Gap)>();
        foreach (var group in groups)
        {
            var maxGap = 0;
            var previous = lastSeen.TryGetValue(group.Key, out var seen) ? seen : ((long Number, DateTimeOffset Time)?)null;
            foreach (var block in group.OrderBy(b => b.Number))
            {
                if (previous is { } before)
                {
                    var gap = (int)(block.Time - before.Time).TotalSeconds;
                    maxGap = Math.Max(maxGap, gap);
                    if (gap > chain.StallSeconds)
                    {
                        incidents.Add(new Incident
                        {
                            Signer = new Ethereum.Address(signers[group.Key]),
                            EpochId = group.Key,
                            Kind = IncidentKinds.Gap,
                            FromBlock = block.Number - 1,
                            ToBlock = block.Number,
                            StartedAt = before.Time,
                            EndedAt = block.Time,
                            DurationSeconds = gap,
                        });
                    }
                }

                previous = (block.Number, block.Time);
                if (block.Producer is { } producer && producer != new Ethereum.Address(signers[group.Key]))
                {
                    incidents.Add(new Incident
                    {
                        Signer = new Ethereum.Address(signers[group.Key]),
                        EpochId = group.Key,
                        Kind = IncidentKinds.WrongProducer,
                        FromBlock = block.Number,
                        ToBlock = block.Number,
                        StartedAt = block.Time,
                        EndedAt = block.Time,
                        Producer = producer,
                    });
                }
            }

            stats.Add((group.Key, group.Count(), group.Sum(b => (long)b.TxCount), (decimal)group.Sum(b => b.GasUsed),
                group.Aggregate(System.Numerics.BigInteger.Zero, (sum, b) => sum + b.Fees), group.Min(b => b.Time).UtcDateTime, group.Max(b => b.Time).UtcDateTime, maxGap));
        }

        // One statement for all the range's epochs: a range is written in as few round trips as possible.
        await using (var upsert = new NpgsqlCommand("""
            insert into epoch_stats (epoch_id, blocks, tx_count, gas_used, fees, first_time, last_time, max_gap_seconds)
            select * from unnest(@ids, @blocks, @txs, @gas, @fees, @first, @last, @gap)
            on conflict (epoch_id) do update set
                blocks = epoch_stats.blocks + excluded.blocks,
                tx_count = epoch_stats.tx_count + excluded.tx_count,
                gas_used = epoch_stats.gas_used + excluded.gas_used,
                fees = epoch_stats.fees + excluded.fees,
                first_time = least(epoch_stats.first_time, excluded.first_time),
                last_time = greatest(epoch_stats.last_time, excluded.last_time),
                max_gap_seconds = greatest(epoch_stats.max_gap_seconds, excluded.max_gap_seconds)
            """, connection, transaction))
        {
            upsert.Parameters.AddWithValue("ids", stats.Select(x => x.Id).ToArray());
            upsert.Parameters.AddWithValue("blocks", stats.Select(x => x.Blocks).ToArray());
            upsert.Parameters.AddWithValue("txs", stats.Select(x => x.Txs).ToArray());
            upsert.Parameters.AddWithValue("gas", stats.Select(x => x.Gas).ToArray());
            upsert.Parameters.Add(new NpgsqlParameter("fees", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = stats.Select(x => x.Fees).ToArray() });
            upsert.Parameters.AddWithValue("first", stats.Select(x => x.First).ToArray());
            upsert.Parameters.AddWithValue("last", stats.Select(x => x.Last).ToArray());
            upsert.Parameters.AddWithValue("gap", stats.Select(x => x.Gap).ToArray());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        var added = new List<Incident>();
        foreach (var incident in incidents)
        {
            await using var insert = new NpgsqlCommand("""
                insert into incidents (signer, epoch_id, kind, from_block, to_block, started_at, ended_at, duration_seconds, lost_blocks, producer)
                values (@signer, @epoch, @kind, @from, @to, @started, @ended, @duration, 0, @producer)
                on conflict (kind, to_block) do nothing
                """, connection, transaction);
            insert.Parameters.AddWithValue("signer", incident.Signer.ToBytes());
            insert.Parameters.AddWithValue("epoch", incident.EpochId);
            insert.Parameters.AddWithValue("kind", incident.Kind);
            insert.Parameters.AddWithValue("from", incident.FromBlock);
            insert.Parameters.AddWithValue("to", incident.ToBlock);
            insert.Parameters.AddWithValue("started", incident.StartedAt.UtcDateTime);
            insert.Parameters.AddWithValue("ended", incident.EndedAt.UtcDateTime);
            insert.Parameters.AddWithValue("duration", incident.DurationSeconds);
            insert.Parameters.Add(new NpgsqlParameter("producer", NpgsqlDbType.Bytea) { Value = incident.Producer is { } p ? p.ToBytes() : DBNull.Value });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                added.Add(incident);
            }
        }

        return added;
    }

    /// <summary>Deletes blocks above <paramref name="ancestor"/>, their gap and wrong-producer incidents and interval anomalies, and recomputes the stats of the epochs they were in.</summary>
    public static async Task RollBackAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long ancestor, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            create temp table touched_epochs on commit drop as
                select distinct epoch_id from l2_blocks where number > @a and epoch_id is not null;
            -- The sequencing-fairness counts of those epochs are taken back whole and counted again from their first block.
            update rollup_state set fairness_through_block = least(fairness_through_block,
                coalesce((select min(number) - 1 from l2_blocks where epoch_id in (select epoch_id from touched_epochs)), @a)) where id = 1;
            delete from epoch_fairness where epoch_id in (select epoch_id from touched_epochs);
            delete from sandwiches where back_block > @a;
            delete from l2_blocks where number > @a;
            delete from incidents where kind in ('gap', 'wrong-producer') and to_block > @a;
            -- The interval anomalies found in them (the caller's transaction already holds rollup_state's row, so a stats
            -- run finding them has committed: its rows are seen and removed here).
            delete from liveness_anomalies where block > @a;
            delete from epoch_commit_timing t using epochs e where e.id = t.epoch_id and (e.start_block > @a or e.committed_block > @a);
            update rollup_state set liveness_through_block = least(liveness_through_block, @a) where id = 1;
            delete from epoch_stats where epoch_id in (select epoch_id from touched_epochs);
            insert into epoch_stats (epoch_id, blocks, tx_count, gas_used, fees, first_time, last_time, max_gap_seconds)
            select epoch_id, count(*), sum(tx_count), sum(gas_used), sum(fees), min(time), max(time), coalesce(max(gap), 0)
            from (
                select epoch_id, tx_count, gas_used, fees, time,
                       extract(epoch from time - lag(time) over (partition by epoch_id order by number))::int as gap
                from l2_blocks where epoch_id in (select epoch_id from touched_epochs)
            ) b
            group by epoch_id;
            """, connection, transaction);
        command.Parameters.AddWithValue("a", ancestor);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task EnsurePartitionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long from, long to, CancellationToken cancellationToken)
    {
        for (var partition = from / PartitionSize; partition <= to / PartitionSize; partition++)
        {
            if (_partitions.ContainsKey(partition))
            {
                continue;
            }

            // Look before creating: creating a partition locks the whole table, even when it already exists.
            await using var exists = new NpgsqlCommand($"select to_regclass('l2_blocks_p{partition}') is not null", connection, transaction);
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                var start = partition * PartitionSize;
                var sql = $"create table if not exists l2_blocks_p{partition} partition of l2_blocks for values from ({start}) to ({start + PartitionSize})";
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            _partitions[partition] = true;
        }
    }
}
