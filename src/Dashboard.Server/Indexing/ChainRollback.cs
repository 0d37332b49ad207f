using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Dashboard.Server.Indexing;

/// <summary>
/// Reorgs: finds the newest stored block the chain still has (the common ancestor, by binary search over the
/// stored hashes), then — in one transaction — deletes every raw row above it, moves the checkpoint there (and the
/// L2 events pass's), and rebuilds this chain's projections by replaying the remaining raw logs.
/// </summary>
public sealed class ChainRollback(
    IndexedChain chain,
    EthRpcClient rpc,
    IDbContextFactory<DashboardDb> dbFactory,
    LogHandlerRegistry handlers,
    IReadOnlyList<IProjection> projections,
    ILogger logger,
    Func<CancellationToken, Task>? rolledBack = null)
{
    /// <summary>Rolls back when the stored checkpoint is no longer on the chain; true when it did.</summary>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var checkpoint = await db.Checkpoints.AsNoTracking().SingleOrDefaultAsync(c => c.ChainId == chain.ChainId && c.Stream == RangeWriter.Stream, cancellationToken);
        if (checkpoint is null)
        {
            return false;
        }

        var onChain = await rpc.GetBlockAsync(checkpoint.BlockNumber, cancellationToken);
        if (onChain is not null && onChain.Hash == checkpoint.BlockHash)
        {
            return await CheckEventsAheadAsync(db, checkpoint, cancellationToken);
        }

        await RollBackAsync(checkpoint, cancellationToken);
        return true;
    }

    /// <summary>
    /// L2 events written ahead of the blocks: their checkpoint must still be on the chain too, else (a reorg there, or a
    /// chain that is now shorter) they are discarded down to the blocks' checkpoint; true when they were.
    /// </summary>
    private async Task<bool> CheckEventsAheadAsync(DashboardDb db, ChainCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var ahead = await db.Checkpoints.AsNoTracking().SingleOrDefaultAsync(c => c.ChainId == chain.ChainId && c.Stream == RangeWriter.EventsStream, cancellationToken);
        if (ahead is null || ahead.BlockNumber <= checkpoint.BlockNumber)
        {
            return false;
        }

        var onChain = await rpc.GetBlockAsync(ahead.BlockNumber, cancellationToken);
        if (onChain is not null && onChain.Hash == ahead.BlockHash)
        {
            return false;
        }

        await DiscardEventsAheadAsync(cancellationToken);
        return true;
    }

    private async Task RollBackAsync(ChainCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var (ancestor, ancestorHash, ancestorTime) = await FindAncestorAsync(checkpoint, cancellationToken);
        logger.LogWarning("{Chain} reorg: block {Block} is no longer on the chain; rolling back to {Ancestor}", chain.Name, checkpoint.BlockNumber, ancestor);
        await RollBackToAsync(ancestor, ancestorHash, ancestorTime, cancellationToken);
    }

    /// <summary>
    /// A block whose events were written ahead of the blocks changed: the events above the blocks' checkpoint go, and
    /// the events pass or the block pass fetches them again.
    /// </summary>
    public async Task DiscardEventsAheadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var checkpoint = await db.Checkpoints.AsNoTracking().SingleOrDefaultAsync(c => c.ChainId == chain.ChainId && c.Stream == RangeWriter.Stream, cancellationToken);
        logger.LogWarning("{Chain}: events indexed ahead of the blocks are no longer on the chain; discarding those above block {Block}", chain.Name, checkpoint?.BlockNumber);
        await RollBackToAsync(checkpoint?.BlockNumber ?? chain.StartBlock - 1, checkpoint?.BlockHash ?? Hash32.Zero, checkpoint?.BlockTime ?? DateTimeOffset.UnixEpoch, cancellationToken);
    }

    /// <summary>Deletes every raw row above <paramref name="ancestor"/>, moves both checkpoints there and replays the projections.</summary>
    private async Task RollBackToAsync(long ancestor, Hash32 ancestorHash, DateTimeOffset ancestorTime, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var command = new NpgsqlCommand("""
            delete from reward_batch_calls c using raw_logs l
                where l.chain_id = @chain and c.chain_id = l.chain_id and c.block_hash = l.block_hash and c.log_index = l.log_index and l.block_number > @a;
            delete from recommit_readbacks r using raw_logs l
                where l.chain_id = @chain and r.chain_id = l.chain_id and r.block_hash = l.block_hash and r.log_index = l.log_index and l.block_number > @a;
            delete from raw_logs where chain_id = @chain and block_number > @a;
            delete from event_blocks where chain_id = @chain and number > @a;
            -- The daily rollups of the days from the ancestor on are no longer final.
            update rollup_state set daily_complete_before = least(daily_complete_before, @t) where id = 1;
            """, connection, (NpgsqlTransaction)transaction.GetDbTransaction()))
        {
            command.Parameters.AddWithValue("chain", chain.ChainId);
            command.Parameters.AddWithValue("a", ancestor);
            command.Parameters.AddWithValue("t", ancestorTime);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (chain.Role == ChainRole.L1)
        {
            await db.PoolDiscoveries.Where(p => p.BlockNumber > ancestor).ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            await L2BlockStore.RollBackAsync(connection, (NpgsqlTransaction)transaction.GetDbTransaction(), ancestor, cancellationToken);
        }

        // The chain's checkpoint, and the events pass's where it stood above the ancestor.
        var stored = await db.Checkpoints.Where(c => c.ChainId == chain.ChainId && (c.Stream == RangeWriter.Stream || c.Stream == RangeWriter.EventsStream)).ToListAsync(cancellationToken);
        foreach (var checkpoint in stored.Where(c => c.BlockNumber > ancestor || c.Stream == RangeWriter.Stream))
        {
            if (ancestor < chain.StartBlock)
            {
                db.Checkpoints.Remove(checkpoint);
            }
            else
            {
                checkpoint.BlockNumber = ancestor;
                checkpoint.BlockHash = ancestorHash;
                checkpoint.BlockTime = ancestorTime;
                checkpoint.UpdatedAt = DateTimeOffset.UtcNow;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await ReplayAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (rolledBack is not null)
        {
            // Nothing of the abandoned branch may be served from a cache from here on.
            await rolledBack(cancellationToken);
        }
    }

    /// <summary>Resets this chain's projections and runs their handlers over the stored raw logs, in order.</summary>
    public async Task ReplayAsync(DashboardDb db, CancellationToken cancellationToken)
    {
        foreach (var projection in projections.Where(p => p.Chain == chain.Role))
        {
            await projection.ResetAsync(db, cancellationToken);
        }

        var pools = (await db.PoolDiscoveries.Select(p => p.Address).ToListAsync(cancellationToken)).ToHashSet();
        var context = new ProjectionContext(db, chain.Role, chain.ChainId);
        long afterBlock = -1;
        var afterIndex = -1;
        while (true)
        {
            // Pages by (block, log index): a replay holds no reader open while the handlers write.
            var page = await db.RawLogs.AsNoTracking()
                .Where(l => l.ChainId == chain.ChainId && (l.BlockNumber > afterBlock || l.BlockNumber == afterBlock && l.LogIndex > afterIndex))
                .OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex)
                .Take(5000)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            var batch = page.Select(row => new IndexedLog(ToLog(row), chain.ContractNameOf(row.Address, pools), row.BlockTime)).ToList();
            context.Begin(batch);
            await handlers.PreloadAsync(context, cancellationToken);
            foreach (var log in batch)
            {
                await handlers.HandleAsync(context, log, cancellationToken);
            }

            await context.SaveChangesAsync(cancellationToken);

            (afterBlock, afterIndex) = (page[^1].BlockNumber, page[^1].LogIndex);
        }
    }

    /// <summary>The newest stored block whose hash the chain still has; stored hashes are monotone in "still there", so a binary search finds it.</summary>
    private async Task<(long Number, Hash32 Hash, DateTimeOffset Time)> FindAncestorAsync(ChainCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        List<(long Number, Hash32 Hash, DateTimeOffset Time)> stored = chain.Role == ChainRole.L1
            ? (await db.EventBlocks.AsNoTracking().Where(b => b.ChainId == chain.ChainId && b.Number <= checkpoint.BlockNumber)
                .OrderBy(b => b.Number).Select(b => new { b.Number, b.Hash, b.Time }).ToListAsync(cancellationToken))
                .Select(b => (b.Number, b.Hash, b.Time)).ToList()
            : [];
        async Task<(long Number, Hash32 Hash, DateTimeOffset Time)?> StoredL2Async(long number) =>
            await db.L2Blocks.AsNoTracking().Where(b => b.Number == number).Select(b => new { b.Number, b.Hash, b.Time })
                .FirstOrDefaultAsync(cancellationToken) is { } block ? (block.Number, block.Hash, block.Time) : null;

        long lo, hi;
        if (chain.Role == ChainRole.L1)
        {
            (lo, hi) = (0, stored.Count - 1);
        }
        else
        {
            lo = await db.L2Blocks.MinAsync(b => (long?)b.Number, cancellationToken) ?? chain.StartBlock;
            hi = checkpoint.BlockNumber;
        }

        (long Number, Hash32 Hash, DateTimeOffset Time)? best = null;
        while (lo <= hi)
        {
            var mid = lo + (hi - lo) / 2;
            var candidate = chain.Role == ChainRole.L1 ? stored[(int)mid] : await StoredL2Async(mid);
            var onChain = candidate is { } c ? await rpc.GetBlockAsync(c.Number, cancellationToken) : null;
            if (candidate is { } found && onChain is not null && onChain.Hash == found.Hash)
            {
                best = found;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return best ?? (chain.StartBlock - 1, Hash32.Zero, DateTimeOffset.UnixEpoch);
    }

    private static Log ToLog(RawLog row) => new()
    {
        Address = row.Address,
        Topics = new[] { row.Topic0, row.Topic1, row.Topic2, row.Topic3 }.TakeWhile(t => t.HasValue).Select(t => t!.Value).ToArray(),
        Data = row.Data,
        BlockNumber = row.BlockNumber,
        BlockHash = row.BlockHash,
        TransactionHash = row.TransactionHash,
        TransactionIndex = row.TransactionIndex,
        LogIndex = row.LogIndex,
    };
}
