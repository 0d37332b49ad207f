using System.Diagnostics;
using System.Threading.Channels;
using Dashboard.Data;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Server.Indexing;

/// <summary>
/// Follows one chain. Only the leader among the server instances indexes (advisory lock); it fetches ranges of
/// final blocks (head − confirmations) ahead of the writer through a small bounded channel, so fetching and
/// writing overlap, and writes each range in one transaction with its checkpoint. A range that does not start
/// where the last one ended (parent hash) means a reorg: the pipeline stops, the chain is rolled back to the
/// common ancestor, and indexing resumes from there. Errors back off and are reported; they never stop the host.
/// On L2, a pass that starts far behind the head first runs an events pass beside the block pass: the contracts'
/// events in eth_getLogs ranges, written with their own checkpoint, while the headers and receipts follow behind.
/// </summary>
public sealed class ChainIndexer(
    IndexedChain chain,
    EthRpcClient rpc,
    IChainSource source,
    RangeWriter writer,
    ChainRollback rollback,
    ChainParameters parameters,
    NpgsqlDataSource dataSource,
    IDbContextFactory<DashboardDb> dbFactory,
    IndexerStatusStore status,
    ILogger logger,
    L2Source? events = null)
{
    private static readonly TimeSpan ParameterInterval = TimeSpan.FromSeconds(10);
    private DateTime _parametersReadAt = DateTime.MinValue;

    public IndexedChain Chain => chain;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var leadership = await IndexerLeadership.AcquireAsync(dataSource, chain.ChainId,
                    () => logger.LogDebug("{Chain}: another server instance leads the indexing; standing by", chain.Name), TimeSpan.FromSeconds(2), stoppingToken);
                logger.LogInformation("{Chain}: leading the indexing of chain {ChainId}", chain.Name, chain.ChainId);
                using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leadership.Lost);
                while (!leading.IsCancellationRequested)
                {
                    try
                    {
                        await RunPipelineAsync(leading.Token);
                    }
                    catch (Exception ex) when (Unwrap(ex) is EventsAheadChangedException changed)
                    {
                        logger.LogWarning("{Chain}: {Reason}", chain.Name, changed.Message);
                        await rollback.DiscardEventsAheadAsync(leading.Token);
                    }

                    failures = 0;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Never crash the host: record the error where the UI shows it, back off, try again.
                // An indexer that got on since its last failure starts its backoff over: one error a day is not a streak.
                failures = _progressSinceFailure ? 1 : failures + 1;
                _progressSinceFailure = false;
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

    /// <summary>
    /// One pass: check the checkpoint against the chain (rolling back on a reorg), then fetch and write ranges
    /// until the pipeline sees a discontinuity, which returns so the next pass rolls back.
    /// </summary>
    private async Task RunPipelineAsync(CancellationToken cancellationToken)
    {
        // Every pass starts from the database's checkpoint, so what the source learned ahead of it goes (pools found in
        // a range whose write was lost, say, when PostgreSQL restarted mid-transaction: found again when refetched).
        await source.ResetAsync(cancellationToken);
        if (await rollback.CheckAsync(cancellationToken))
        {
            await source.ResetAsync(cancellationToken);
            await RefreshParametersAsync(force: true, cancellationToken);
        }

        var (next, lastHash) = await LoadCheckpointAsync(cancellationToken);
        // Blocks/s counts from where this pass starts, so the first range of a backfill already gives a rate.
        _throughputFrom = (DateTime.UtcNow, next - 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ranges = Channel.CreateBounded<FetchedRange>(new BoundedChannelOptions(3) { SingleReader = true, SingleWriter = true });
        Interlocked.Exchange(ref _blocksWritten, next - 1);
        var eventsPass = await StartEventsPassAsync(next, stop.Token);
        var producer = Task.Run(() => ProduceAsync(next, lastHash, ranges.Writer, stop.Token), stop.Token);
        var heartbeat = Task.Run(() => HeartbeatAsync(stop.Token), stop.Token);
        try
        {
            await foreach (var range in ranges.Reader.ReadAllAsync(cancellationToken))
            {
                if (range.ParentHash is { } parent && lastHash is { } last && parent != last)
                {
                    logger.LogWarning("{Chain}: block {From} no longer follows the indexed block {Previous}; checking for a reorg", chain.Name, range.From, range.From - 1);
                    break;
                }

                await writer.WriteAsync(range, cancellationToken);
                lastHash = range.Last.Hash;
                Interlocked.Exchange(ref _blocksWritten, range.To);
                _progressSinceFailure = true;
                // Progress goes out a few times a second at most: during a backfill a report per range costs real time.
                if (DateTime.UtcNow - _reportedAt > TimeSpan.FromMilliseconds(250) || ranges.Reader.Count == 0)
                {
                    _reportedAt = DateTime.UtcNow;
                    await status.ReportProgressAsync(chain.ChainId, chain.Role, Math.Max(range.To, _head), range.To, range.Last.Time, Throughput(range.To), Pace, cancellationToken);
                }

                // Parameters change only through transactions of our contracts: reread them after an L1 range with logs, else now and then.
                await RefreshParametersAsync(force: range.Logs.Count > 0 && chain.Role == Core.Chains.ChainRole.L1, cancellationToken);
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await heartbeat;
            }
            catch (OperationCanceledException)
            {
                // Stopped with the pass.
            }

            try
            {
                await eventsPass;
            }
            catch (OperationCanceledException)
            {
                // Stopped with the pass.
            }

            try
            {
                await producer;
            }
            catch (OperationCanceledException)
            {
                // The writer stopped the fetching.
            }
            catch (ChannelClosedException)
            {
                // As above.
            }
        }

        // The producer's own failure (an RPC error, say) ends the pass with that error.
        if (producer.IsFaulted && producer.Exception!.InnerException is not (OperationCanceledException or ChannelClosedException))
        {
            throw producer.Exception.InnerException!;
        }

        // The producer ran into a rollback condition or the pass was stopped: the next pass starts over.
    }

    private long _head;
    private long _blocksWritten = -1;
    private bool _progressSinceFailure;
    private DateTime _reportedAt = DateTime.MinValue;
    private (DateTime At, long Block)? _throughputFrom;
    private double? _throughput;

    /// <summary>
    /// While a pass runs, the chain's row is kept fresh every few seconds (head, request rate, 429s) even when one range
    /// takes longer than that — through a rate-limited provider a range of a backfill can take a minute, and the
    /// health endpoint must show a slow indexer, not a stalled one.
    /// </summary>
    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            if (DateTime.UtcNow - _reportedAt < TimeSpan.FromSeconds(3) || _head == 0)
            {
                continue;
            }

            try
            {
                await status.ReportProgressAsync(chain.ChainId, chain.Role, _head, null, null, null, Pace, cancellationToken);
            }
            catch (NpgsqlException ex)
            {
                logger.LogDebug("{Chain}: heartbeat not recorded: {Error}", chain.Name, ex.Message);
            }
        }
    }

    /// <summary>
    /// L2, far behind the final head: runs the events pass from where the events stand (restarts resume it), and tells
    /// the block pass how far the events are written. Otherwise the events go with the blocks.
    /// </summary>
    private async Task<Task> StartEventsPassAsync(long next, CancellationToken cancellationToken)
    {
        if (events is null)
        {
            return Task.CompletedTask;
        }

        long ahead;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            ahead = await db.Checkpoints.AsNoTracking().Where(c => c.ChainId == chain.ChainId && c.Stream == RangeWriter.EventsStream)
                .Select(c => (long?)c.BlockNumber).FirstOrDefaultAsync(cancellationToken) ?? -1;
        }

        events.Frontier.Reset(ahead);
        var from = Math.Max(next, ahead + 1);
        var final = await rpc.BlockNumberAsync(cancellationToken) - chain.Confirmations;
        if (chain.Options.EventsFirstAfter <= 0 || final - from + 1 <= chain.Options.EventsFirstAfter)
        {
            if (ahead < next)
            {
                await status.ReportEventsAsync(chain.ChainId, chain.Role, null, null, cancellationToken);
            }

            return Task.CompletedTask;
        }

        logger.LogInformation("{Chain}: {Blocks} blocks behind; indexing the contracts' events first, from block {From}", chain.Name, final - from + 1, from);
        events.Frontier.Start();
        return Task.Run(() => RunEventsPassAsync(from, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The events pass: ranges of events to the final head and on with it, until the block pass has caught up with
    /// it; then the block pass takes the events with the blocks again. Its failure only ends it early.
    /// </summary>
    private async Task RunEventsPassAsync(long from, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var final = await rpc.BlockNumberAsync(cancellationToken) - chain.Confirmations;
                if (from > final)
                {
                    if (events!.Frontier.BlocksWaiting || Interlocked.Read(ref _blocksWritten) >= events.Frontier.Committed)
                    {
                        logger.LogInformation("{Chain}: the blocks caught up with the events at block {Block}; both go together again", chain.Name, from - 1);
                        break;
                    }

                    await Task.Delay(chain.Options.PollInterval, cancellationToken);
                    continue;
                }

                var to = Math.Min(final, from + events!.EventsRangeSize - 1);
                if (await TryFetchAsync(() => events.FetchEventsAsync(from, to, cancellationToken), cancellationToken) is not { } range)
                {
                    continue;
                }

                await writer.WriteAsync(range, cancellationToken, RangeWriter.EventsStream);
                events.Frontier.Advance(range.To);
                await status.ReportEventsAsync(chain.ChainId, chain.Role, range.To, range.Last.Time, cancellationToken);
                from = range.To + 1;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "{Chain}: the events pass stopped; the blocks bring the events from block {Block} on", chain.Name, events!.Frontier.Committed + 1);
        }
        finally
        {
            events!.Frontier.Stop();
        }
    }

    /// <summary>A fetched range, or null when the chain changed under the fetch (the tip moved): a moment later the node has settled.</summary>
    private async Task<FetchedRange?> TryFetchAsync(Func<Task<FetchedRange>> fetch, CancellationToken cancellationToken)
    {
        try
        {
            return await fetch();
        }
        catch (RangeChangedException ex)
        {
            logger.LogInformation("{Chain}: {Reason}", chain.Name, ex.Message);
            await Task.Delay(chain.Options.PollInterval, cancellationToken);
            return null;
        }
    }

    private static Exception Unwrap(Exception ex) => ex is ChannelClosedException { InnerException: { } inner } ? Unwrap(inner) : ex;

    private RpcPace Pace => new(rpc.Rate.Current, rpc.Rate.RateLimitedCount, rpc.RetryCount, rpc.LastRetry);

    /// <summary>
    /// Blocks indexed per second by the wall clock (fetching included, which is what a backfill waits on), smoothed
    /// over the last reports so the time left it gives does not jump with each range.
    /// </summary>
    private double? Throughput(long indexed)
    {
        var now = DateTime.UtcNow;
        if (_throughputFrom is { } from && indexed > from.Block && now - from.At >= TimeSpan.FromMilliseconds(200))
        {
            var rate = (indexed - from.Block) / (now - from.At).TotalSeconds;
            _throughput = _throughput is { } previous ? (0.7 * previous) + (0.3 * rate) : rate;
            _throughputFrom = (now, indexed);
        }
        else if (_throughputFrom is null)
        {
            _throughputFrom = (now, indexed);
        }

        return _throughput;
    }

    private async Task ProduceAsync(long from, Hash32? lastHash, ChannelWriter<FetchedRange> output, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                _head = await rpc.BlockNumberAsync(cancellationToken);
                var final = _head - chain.Confirmations;
                if (from > final)
                {
                    // Caught up. A chain that went back to a shorter or equal branch brings no new range to notice it
                    // by, so look at the last block handed on: gone or changed means a reorg, for the next pass.
                    if (lastHash is { } expected && (await rpc.GetBlockAsync(from - 1, cancellationToken))?.Hash != expected)
                    {
                        logger.LogWarning("{Chain}: block {Block} changed under the indexer; checking for a reorg", chain.Name, from - 1);
                        break;
                    }

                    await status.ReportProgressAsync(chain.ChainId, chain.Role, _head, null, null, null, Pace, cancellationToken);
                    await RefreshParametersAsync(force: false, cancellationToken);
                    await Task.Delay(chain.Options.PollInterval, cancellationToken);
                    continue;
                }

                var to = Math.Min(final, from + source.NextRangeSize(from) - 1);
                if (await TryFetchAsync(() => source.FetchAsync(from, to, cancellationToken), cancellationToken) is not { } range)
                {
                    continue;
                }

                await output.WriteAsync(range, cancellationToken);
                from = range.To + 1;
                lastHash = range.Last.Hash;
            }

            output.TryComplete();
        }
        catch (Exception ex)
        {
            output.TryComplete(ex);
            throw;
        }
    }

    private async Task<(long Next, Hash32? LastHash)> LoadCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var checkpoint = await db.Checkpoints.AsNoTracking().SingleOrDefaultAsync(c => c.ChainId == chain.ChainId && c.Stream == RangeWriter.Stream, cancellationToken);
        return checkpoint is null ? (chain.StartBlock, null) : (checkpoint.BlockNumber + 1, checkpoint.BlockHash);
    }

    private async Task RefreshParametersAsync(bool force, CancellationToken cancellationToken)
    {
        if (!force && DateTime.UtcNow - _parametersReadAt < ParameterInterval)
        {
            return;
        }

        _parametersReadAt = DateTime.UtcNow;
        await parameters.RefreshAsync(cancellationToken);
    }

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
        ChannelClosedException { InnerException: { } inner } => Describe(inner),
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
