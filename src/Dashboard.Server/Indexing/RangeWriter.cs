using Dashboard.Data;
using Dashboard.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Dashboard.Server.Indexing;

/// <summary>
/// Writes one fetched range in ONE transaction: raw logs, kept headers, raw side data, the projections (handlers
/// in log order), the L2 blocks and the checkpoint. A crash anywhere leaves the previous checkpoint and no part
/// of this range; the next run fetches it again. The alerts the range's facts raise are written in the same
/// transaction (an outbox) and handed to delivery after the commit.
/// </summary>
public sealed class RangeWriter(IndexedChain chain, IDbContextFactory<DashboardDb> dbFactory, LogHandlerRegistry handlers, Alerts.AlertOutbox? alerts = null)
{
    public const string Stream = "chain";

    /// <summary>The L2 events written ahead of the blocks during a long backfill (see <see cref="L2EventsFrontier"/>).</summary>
    public const string EventsStream = "events";

    /// <summary>The newest block indexed of the chain (its checkpoint), or null before the first range is written.</summary>
    public static Task<long?> IndexedToAsync(DashboardDb db, long chainId, CancellationToken cancellationToken) =>
        db.Checkpoints.AsNoTracking().Where(c => c.ChainId == chainId && c.Stream == Stream).Select(c => (long?)c.BlockNumber).FirstOrDefaultAsync(cancellationToken);

    private readonly L2BlockStore _blocks = new();

    /// <param name="stream">Whose checkpoint the range moves: the chain's (everything of the range), or the L2 events pass's.</param>
    public async Task WriteAsync(FetchedRange range, CancellationToken cancellationToken, string stream = Stream)
    {
        try
        {
            await WriteOnceAsync(range, stream, cancellationToken);
        }
        catch
        {
            _blocks.Forget();
            throw;
        }
    }

    private async Task WriteOnceAsync(FetchedRange range, string stream, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();

        await RawDataWriter.InsertBlocksAsync(connection, npgsqlTransaction, chain.ChainId, range.LogBlocks, cancellationToken);
        await RawDataWriter.InsertLogsAsync(connection, npgsqlTransaction, chain.ChainId, range.Logs, cancellationToken);
        if (range.BatchCalls.Count + range.Readbacks.Count + range.NewPools.Count > 0)
        {
            db.RewardBatchCalls.AddRange(range.BatchCalls);
            db.RecommitReadbacks.AddRange(range.Readbacks);
            db.PoolDiscoveries.AddRange(range.NewPools);
            await db.SaveChangesAsync(cancellationToken);
        }

        // The L2 block times the handlers may ask for: the range's blocks, or on the events pass the headers fetched for them.
        var times = range.L2Blocks.Count > 0 ? range.L2Blocks.ToDictionary(b => b.Number, b => b.Time)
            : chain.Role == Core.Chains.ChainRole.L2 && range.LogBlocks.Count > 0 ? range.LogBlocks.ToDictionary(b => b.Number, b => b.Time)
            : null;
        var context = new ProjectionContext(db, chain.Role, chain.ChainId);
        context.Begin(range.Logs, times, range.BatchCalls, range.Readbacks);
        // Handlers find what earlier logs of the range created through EF's change tracker, so the whole range is
        // saved at once; what they read of older data is loaded before they run.
        if (range.Logs.Count > 0)
        {
            await handlers.PreloadAsync(context, cancellationToken);
        }

        foreach (var log in range.Logs)
        {
            await handlers.HandleAsync(context, log, cancellationToken);
        }

        // Facts for alerts are read off the changes before they are saved (saving forgets what each value was).
        var alerting = alerts is not null && await alerts.AnySubscriptionAsync(connection, npgsqlTransaction, cancellationToken);
        List<Alerts.AlertFact> facts = [];
        if (alerting && range.Logs.Count > 0)
        {
            db.ChangeTracker.DetectChanges();
            facts = Alerts.AlertFacts.FromChanges(db.ChangeTracker);
        }

        await context.SaveChangesAsync(cancellationToken);

        var incidents = await _blocks.WriteAsync(connection, npgsqlTransaction, chain, range.L2Blocks, cancellationToken);
        if (alerting)
        {
            facts.AddRange(incidents.Select(Alerts.AlertFacts.Incident));
            if (range.L2Blocks.Count > 0)
            {
                facts.AddRange(await Alerts.AlertOutbox.RecoveriesAsync(connection, npgsqlTransaction, range.L2Blocks[0].Number, range.L2Blocks[^1].Number, cancellationToken));
            }
        }

        var alertIds = alerting ? await alerts!.WriteAsync(connection, npgsqlTransaction, facts, cancellationToken) : [];
        if (range.L2Blocks.Count > 0)
        {
            // Headers the L2 events pass kept for these blocks (times, reorg checks) are l2_blocks rows now.
            await using var kept = new NpgsqlCommand("delete from event_blocks where chain_id = @chain and number between @from and @to", connection, npgsqlTransaction);
            kept.Parameters.AddWithValue("chain", chain.ChainId);
            kept.Parameters.AddWithValue("from", range.From);
            kept.Parameters.AddWithValue("to", range.To);
            await kept.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var checkpoint = new NpgsqlCommand("""
            insert into chain_checkpoints (chain_id, stream, block_number, block_hash, block_time, updated_at)
            values (@chain, @stream, @number, @hash, @time, now())
            on conflict (chain_id, stream) do update set
                block_number = excluded.block_number, block_hash = excluded.block_hash, block_time = excluded.block_time, updated_at = excluded.updated_at
            """, connection, npgsqlTransaction))
        {
            checkpoint.Parameters.AddWithValue("chain", chain.ChainId);
            checkpoint.Parameters.AddWithValue("stream", stream);
            checkpoint.Parameters.AddWithValue("number", range.Last.Number);
            checkpoint.Parameters.AddWithValue("hash", range.Last.Hash.ToBytes());
            checkpoint.Parameters.AddWithValue("time", range.Last.Time.UtcDateTime);
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        alerts?.Dispatch(alertIds);
    }
}
