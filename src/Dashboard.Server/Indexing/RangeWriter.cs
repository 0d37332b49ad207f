using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Dashboard.Server.Indexing;

/// <summary>
/// Writes one fetched range in ONE transaction: raw logs, kept headers, raw side data, the projections (handlers
/// in log order), the L2 blocks and the checkpoint. A crash anywhere leaves the previous checkpoint and no part
/// of this range; the next run fetches it again.
/// </summary>
public sealed class RangeWriter(IndexedChain chain, IDbContextFactory<DashboardDb> dbFactory, LogHandlerRegistry handlers)
{
    public const string Stream = "chain";

    public async Task WriteAsync(FetchedRange range, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();

        await RawDataWriter.InsertBlocksAsync(connection, npgsqlTransaction, chain.ChainId, range.LogBlocks, cancellationToken);
        await RawDataWriter.InsertLogsAsync(connection, npgsqlTransaction, chain.ChainId, range.Logs, cancellationToken);
        db.RewardBatchCalls.AddRange(range.BatchCalls);
        db.RecommitReadbacks.AddRange(range.Readbacks);
        db.PoolDiscoveries.AddRange(range.NewPools);
        await db.SaveChangesAsync(cancellationToken);

        var times = range.L2Blocks.Count > 0 ? range.L2Blocks.ToDictionary(b => b.Number, b => b.Time) : null;
        var context = new ProjectionContext(db, chain.Role, chain.ChainId, times);
        foreach (var log in range.Logs)
        {
            if (await handlers.HandleAsync(context, log, cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        await L2BlockStore.WriteAsync(connection, npgsqlTransaction, chain, range.L2Blocks, cancellationToken);

        var checkpoint = await db.Checkpoints.FindAsync([chain.ChainId, Stream], cancellationToken);
        if (checkpoint is null)
        {
            checkpoint = new ChainCheckpoint { ChainId = chain.ChainId, Stream = Stream };
            db.Checkpoints.Add(checkpoint);
        }

        checkpoint.BlockNumber = range.Last.Number;
        checkpoint.BlockHash = range.Last.Hash;
        checkpoint.BlockTime = range.Last.Time;
        checkpoint.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
