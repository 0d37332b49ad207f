using System.Diagnostics;
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
/// Follows one chain: fetches the logs of our contracts for final blocks (head − confirmations), writes raw logs,
/// their block headers, the projections and the checkpoint in ONE transaction, and reports progress. A crash
/// anywhere leaves the database at the previous checkpoint; the next start resumes from there.
/// </summary>
public sealed class ChainIndexer(
    IndexedChain chain,
    EthRpcClient rpc,
    IDbContextFactory<DashboardDb> dbFactory,
    LogHandlerRegistry handlers,
    IReadOnlyList<IProjection> projections,
    IndexerStatusStore status,
    ILogger logger)
{
    public const string LogStream = "logs";

    private readonly AdaptiveRange _range = new(chain.Options.InitialLogRange, chain.Options.MaxLogRange);
    private readonly Dictionary<Address, string> _contractsByAddress = chain.Contracts.ToDictionary(c => c.Value.Address, c => c.Key);

    public IndexedChain Chain => chain;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var progressed = await IndexNextRangeAsync(stoppingToken);
                failures = 0;
                if (!progressed)
                {
                    await Task.Delay(chain.Options.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Never crash the host: record the error where the UI shows it, back off, try again.
                failures++;
                var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures, 5)) / 2));
                logger.LogWarning(ex, "{Chain} indexer failed (attempt {Attempt}); retrying in {Delay}", chain.Name, failures, delay);
                await TryReportErrorAsync(Describe(ex), stoppingToken);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Indexes the next range of final blocks; false when there is nothing new.</summary>
    public async Task<bool> IndexNextRangeAsync(CancellationToken cancellationToken)
    {
        var head = await rpc.BlockNumberAsync(cancellationToken);
        var final = head - chain.Confirmations;
        var checkpoint = await LoadCheckpointAsync(cancellationToken);

        if (checkpoint is not null && checkpoint.BlockNumber <= head && await DetectReorgAsync(checkpoint, cancellationToken))
        {
            return true;
        }

        var from = checkpoint is null ? chain.StartBlock : checkpoint.BlockNumber + 1;
        if (from > final)
        {
            await status.ReportProgressAsync(chain.ChainId, chain.Role, head, checkpoint?.BlockNumber, checkpoint?.BlockTime, null, cancellationToken);
            return false;
        }

        var stopwatch = Stopwatch.StartNew();
        var (to, logs) = await FetchLogsAsync(from, final, cancellationToken);

        var blockNumbers = logs.Select(l => l.BlockNumber).Append(to).Distinct().Order().ToArray();
        var headers = await rpc.GetBlocksAsync(blockNumbers, cancellationToken);
        var blocks = headers.ToDictionary(b => b.Number);

        foreach (var log in logs)
        {
            if (blocks[log.BlockNumber].Hash != log.BlockHash)
            {
                // The chain changed between the two calls; the next pass sees a consistent view.
                logger.LogInformation("{Chain} block {Block} changed while indexing; retrying the range", chain.Name, log.BlockNumber);
                return true;
            }
        }

        var indexed = logs
            .OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex)
            .Select(l => new IndexedLog(l, _contractsByAddress[l.Address], blocks[l.BlockNumber].Time))
            .ToList();
        var last = blocks[to];
        await WriteRangeAsync(indexed, blocks.Values, last, cancellationToken);

        var seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-3);
        await status.ReportProgressAsync(chain.ChainId, chain.Role, head, to, last.Time, (to - from + 1) / seconds, cancellationToken);
        logger.LogDebug("{Chain} indexed {From}..{To}: {Logs} logs", chain.Name, from, to, logs.Count);
        return true;
    }

    private async Task<(long To, IReadOnlyList<Log> Logs)> FetchLogsAsync(long from, long final, CancellationToken cancellationToken)
    {
        var addresses = chain.Contracts.Values.Select(c => c.Address).Distinct().ToArray();
        while (true)
        {
            var to = Math.Min(final, from + _range.Current - 1);
            try
            {
                var logs = await rpc.GetLogsAsync(new LogFilter(from, to, addresses), cancellationToken);
                _range.Succeeded();
                return (to, logs.Where(l => !l.Removed).ToList());
            }
            catch (RpcException ex) when (ex.Kind is RpcErrorKind.LimitExceeded or RpcErrorKind.Timeout && _range.Shrink())
            {
                logger.LogInformation("{Chain} eth_getLogs {From}..{To} too large ({Reason}); range now {Range}", chain.Name, from, to, ex.Detail, _range.Current);
            }
        }
    }

    private async Task WriteRangeAsync(IReadOnlyList<IndexedLog> logs, IEnumerable<Block> blocks, Block last, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();

        await RawDataWriter.InsertBlocksAsync(connection, npgsqlTransaction, chain.ChainId, blocks.ToList(), cancellationToken);
        await RawDataWriter.InsertLogsAsync(connection, npgsqlTransaction, chain.ChainId, logs, cancellationToken);

        var context = new ProjectionContext(db, chain.Role, chain.ChainId);
        foreach (var log in logs)
        {
            await handlers.HandleAsync(context, log, cancellationToken);
            // Save per log so the next handler's FindAsync sees rows this range created.
            await db.SaveChangesAsync(cancellationToken);
        }

        await UpsertCheckpointAsync(db, last, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task UpsertCheckpointAsync(DashboardDb db, Block block, CancellationToken cancellationToken)
    {
        var checkpoint = await db.Checkpoints.FindAsync([chain.ChainId, LogStream], cancellationToken);
        if (checkpoint is null)
        {
            checkpoint = new ChainCheckpoint { ChainId = chain.ChainId, Stream = LogStream };
            db.Checkpoints.Add(checkpoint);
        }

        checkpoint.BlockNumber = block.Number;
        checkpoint.BlockHash = block.Hash;
        checkpoint.BlockTime = block.Time;
        checkpoint.UpdatedAt = DateTimeOffset.UtcNow;
    }

    private async Task<ChainCheckpoint?> LoadCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Checkpoints.AsNoTracking().SingleOrDefaultAsync(c => c.ChainId == chain.ChainId && c.Stream == LogStream, cancellationToken);
    }

    /// <summary>
    /// Compares the checkpoint's hash with the chain's block at that height. On a mismatch, finds the newest
    /// stored block the chain still has (the common ancestor), deletes everything after it, moves the checkpoint
    /// there and replays this chain's projections from the remaining raw logs — all in one transaction.
    /// </summary>
    private async Task<bool> DetectReorgAsync(ChainCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var onChain = await rpc.GetBlockAsync(checkpoint.BlockNumber, cancellationToken);
        if (onChain is not null && onChain.Hash == checkpoint.BlockHash)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.EventBlocks.AsNoTracking()
            .Where(b => b.ChainId == chain.ChainId && b.Number < checkpoint.BlockNumber)
            .OrderByDescending(b => b.Number)
            .Select(b => new { b.Number, b.Hash, b.Time })
            .ToListAsync(cancellationToken);

        long ancestor = chain.StartBlock - 1;
        Hash32 ancestorHash = Hash32.Zero;
        DateTimeOffset ancestorTime = DateTimeOffset.UnixEpoch;
        foreach (var candidate in stored)
        {
            var block = await rpc.GetBlockAsync(candidate.Number, cancellationToken);
            if (block is not null && block.Hash == candidate.Hash)
            {
                (ancestor, ancestorHash, ancestorTime) = (candidate.Number, candidate.Hash, candidate.Time);
                break;
            }
        }

        logger.LogWarning("{Chain} reorg: block {Block} changed; rolling back to {Ancestor}", chain.Name, checkpoint.BlockNumber, ancestor);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.RawLogs.Where(l => l.ChainId == chain.ChainId && l.BlockNumber > ancestor).ExecuteDeleteAsync(cancellationToken);
        await db.EventBlocks.Where(b => b.ChainId == chain.ChainId && b.Number > ancestor).ExecuteDeleteAsync(cancellationToken);
        if (ancestor < chain.StartBlock)
        {
            await db.Checkpoints.Where(c => c.ChainId == chain.ChainId && c.Stream == LogStream).ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            await db.Checkpoints.Where(c => c.ChainId == chain.ChainId && c.Stream == LogStream)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.BlockNumber, ancestor)
                    .SetProperty(c => c.BlockHash, ancestorHash)
                    .SetProperty(c => c.BlockTime, ancestorTime), cancellationToken);
        }

        await ReplayProjectionsAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Empties this chain's projection tables and rebuilds them from the stored raw logs, in order.</summary>
    public async Task ReplayProjectionsAsync(DashboardDb db, CancellationToken cancellationToken)
    {
        var tables = projections.Where(p => p.Chain == chain.Role).SelectMany(p => p.Tables).Distinct().ToArray();
        if (tables.Length > 0)
        {
            // Table names come from the projections' own constants, never from input.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync($"truncate {string.Join(", ", tables)}", cancellationToken);
#pragma warning restore EF1002
        }

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

            foreach (var row in page)
            {
                if (_contractsByAddress.TryGetValue(row.Address, out var contract) &&
                    await handlers.HandleAsync(context, new IndexedLog(ToLog(row), contract, row.BlockTime), cancellationToken))
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
            }

            (afterBlock, afterIndex) = (page[^1].BlockNumber, page[^1].LogIndex);
        }
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

    private async Task TryReportErrorAsync(string error, CancellationToken cancellationToken)
    {
        try
        {
            await status.ReportErrorAsync(chain.ChainId, chain.Role, error, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning("Cannot record the {Chain} indexer error in the database either: {Error}", chain.Name, ex.Message);
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        RpcException rpc => $"RPC {rpc.Kind}: {rpc.Message}",
        NpgsqlException db => $"Database: {db.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
