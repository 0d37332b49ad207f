using Dashboard.Core.Api;
using Dashboard.Ethereum;
using Dashboard.Server.Api;
using Dashboard.Server.Directory;
using Npgsql;

namespace Dashboard.Server.Analytics;

/// <summary>
/// Every reward batch against the chain that earned it: per sequencer, the L2 blocks it produced in the batch's epochs
/// (the final epoch map: a recommit gives the rest of an epoch to its replacement) against the blocks the MPC credited
/// it on L1. A difference is a discrepancy unless explained (a sequencer that had exited cannot be paid). The lines are
/// computed per request for the batches asked for; which batches differ, with each stats run.
/// </summary>
public sealed class RewardReconciliation(NpgsqlDataSource dataSource, SequencerDirectory directory)
{
    /// <summary>The blocks each sequencer produced in the epochs of each batch of <paramref name="batches"/>: the final epoch map.</summary>
    private static string Produced(string batches) => $"""
        select b.batch_id, sg.sequencer_id, sum(greatest(e.end_block - e.start_block + 1, 0)) as blocks
        from {batches} b join epochs e on e.id between b.start_epoch and b.end_epoch join signers sg on sg.address = e.signer
        group by 1, 2
        """;

    private static readonly string LinesSql = $"""
        with batches as (
            select batch_id, start_epoch, end_epoch, time from reward_batches
            where (@batch is null or batch_id = @batch) and (not @onlyDifferences or batch_id = any(@flagged))
            order by batch_id desc offset @offset limit @limit
        ),
        produced as (
            {Produced("batches")}
        ),
        credited as (
            select r.batch_id, r.sequencer_id, r.blocks from sequencer_rewards r join batches b using (batch_id)
        )
        select coalesce(p.batch_id, c.batch_id), coalesce(p.sequencer_id, c.sequencer_id), coalesce(p.blocks, 0), coalesce(c.blocks, 0),
               q.exited_at is not null and q.exited_at <= b.time
        from produced p full join credited c on c.batch_id = p.batch_id and c.sequencer_id = p.sequencer_id
        join batches b on b.batch_id = coalesce(p.batch_id, c.batch_id)
        join sequencers q on q.id = coalesce(p.sequencer_id, c.sequencer_id)
        where coalesce(p.blocks, 0) > 0 or coalesce(c.blocks, 0) > 0
        """;

    /// <summary>
    /// Finds the batches with an unexplained difference, for the overview and the filter to read: with each stats run,
    /// in its transaction (all batches again: a join of the epochs with the credits, tens of milliseconds for years).
    /// </summary>
    public static async Task RefreshAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var refresh = new NpgsqlCommand($"""
            delete from reconciliation_flags;
            with produced as (
                {Produced("reward_batches")}
            )
            insert into reconciliation_flags (batch_id, discrepancies)
            select coalesce(p.batch_id, r.batch_id), count(*)
            from produced p full join sequencer_rewards r on r.batch_id = p.batch_id and r.sequencer_id = p.sequencer_id
            join reward_batches b on b.batch_id = coalesce(p.batch_id, r.batch_id)
            join sequencers q on q.id = coalesce(p.sequencer_id, r.sequencer_id)
            where coalesce(p.blocks, 0) <> coalesce(r.blocks, 0)
              and not (coalesce(r.blocks, 0) = 0 and q.exited_at is not null and q.exited_at <= b.time)
            group by 1;
            """, connection, transaction);
        await refresh.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Batches with an unexplained difference as of the last stats run, newest first.</summary>
    public async Task<long[]> FlaggedAsync(CancellationToken cancellationToken)
    {
        await using var read = dataSource.CreateCommand("select batch_id from reconciliation_flags order by batch_id desc");
        var flagged = new List<long>();
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            flagged.Add(reader.GetInt64(0));
        }

        return [.. flagged];
    }

    /// <summary>How many batches have an unexplained difference, as of the last stats run.</summary>
    public async Task<int> FlaggedCountAsync(CancellationToken cancellationToken)
    {
        await using var count = dataSource.CreateCommand("select count(*)::int from reconciliation_flags");
        return (int)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<PageOf<BatchReconciliation>> PageAsync(int page, int size, bool onlyDifferences, long? batch, CancellationToken cancellationToken)
    {
        var flagged = onlyDifferences ? await FlaggedAsync(cancellationToken) : [];
        long total;
        await using (var count = dataSource.CreateCommand("select count(*) from reward_batches where (@batch is null or batch_id = @batch)"))
        {
            count.Parameters.Add(new NpgsqlParameter("batch", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)batch ?? DBNull.Value });
            total = onlyDifferences ? flagged.Length : (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var names = await directory.GetAsync(cancellationToken);
        var headers = new Dictionary<long, (DateTimeOffset Time, long Start, long End, byte[] Tx)>();
        var lines = new List<(long Batch, CreditLine Line)>();
        await using (var read = dataSource.CreateCommand(LinesSql))
        {
            read.Parameters.Add(new NpgsqlParameter("batch", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)batch ?? DBNull.Value });
            read.Parameters.AddWithValue("onlyDifferences", onlyDifferences);
            read.Parameters.AddWithValue("flagged", flagged);
            read.Parameters.AddWithValue("offset", (long)(page - 1) * size);
            read.Parameters.AddWithValue("limit", (long)size);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (id, sequencer, produced, credited, exited) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetBoolean(4));
                lines.Add((id, Line(sequencer, names.NameOf(sequencer), produced, credited, exited)));
            }
        }

        var ids = lines.Select(l => l.Batch).Distinct().ToArray();
        await using (var read = dataSource.CreateCommand("select batch_id, time, start_epoch, end_epoch, tx_hash from reward_batches where batch_id = any(@ids)"))
        {
            read.Parameters.AddWithValue("ids", ids);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                headers[reader.GetInt64(0)] = (reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt64(2), reader.GetInt64(3), (byte[])reader[4]);
            }
        }

        var items = lines.GroupBy(l => l.Batch).OrderByDescending(g => g.Key).Select(g => new BatchReconciliation
        {
            BatchId = g.Key, Time = headers[g.Key].Time, StartEpoch = headers[g.Key].Start, EndEpoch = headers[g.Key].End, TxHash = ApiStrings.Of(new Hash32(headers[g.Key].Tx)),
            Lines = [.. g.Select(l => l.Line).OrderBy(l => l.SequencerId)],
            Discrepancies = g.Count(l => CreditStatus.IsDiscrepancy(l.Line.Status)),
        }).ToList();
        return new PageOf<BatchReconciliation>(items, page, size, total);
    }

    private static CreditLine Line(long sequencer, string? name, long produced, long credited, bool exited)
    {
        var difference = credited - produced;
        var (status, explanation) = difference switch
        {
            0 => (CreditStatus.Match, "Credited what it produced."),
            _ when credited == 0 && exited => (CreditStatus.Exited, $"Produced {Blocks(produced)} but had exited before the batch: the contract cannot pay it."),
            _ when produced == 0 => (CreditStatus.Unearned, $"Credited {Blocks(credited)} though it produced none in these epochs: another sequencer's blocks, or none at all."),
            < 0 => (CreditStatus.Short, $"Credited {Blocks(-difference)} fewer than the {produced:N0} it produced."),
            _ => (CreditStatus.Over, $"Credited {Blocks(difference)} more than the {produced:N0} it produced."),
        };
        return new CreditLine { SequencerId = sequencer, SequencerName = name, Produced = produced, Credited = credited, Difference = difference, Status = status, Explanation = explanation };
    }

    private static string Blocks(long n) => n == 1 ? "1 block" : $"{n:N0} blocks";
}
