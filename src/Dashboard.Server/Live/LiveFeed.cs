using System.Text.Json;
using System.Threading.Channels;
using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Server.Api;
using Dashboard.Server.Configuration;
using Dashboard.Server.Extensions;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Live;

/// <summary>
/// Watches the database for what is new — L2 blocks, epochs, incidents, indexer status — and hands it to every
/// subscriber of the live stream. One poll serves all subscribers; a subscriber too slow to keep up loses the
/// oldest messages, never the server's memory.
/// </summary>
public sealed class LiveFeed(IDbContextFactory<DashboardDb> dbFactory, ResolvedNetwork network, IOutputCacheStore cache, TimeProvider clock, ILogger<LiveFeed> logger)
    : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly List<Channel<LiveEvent>> _subscribers = [];
    private LiveEvent? _status;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public ChannelReader<LiveEvent> Subscribe(out Action unsubscribe)
    {
        var channel = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            _subscribers.Add(channel);
            // A new subscriber learns the current freshness at once, not at the next change.
            if (_status is not null)
            {
                channel.Writer.TryWrite(_status);
            }
        }

        unsubscribe = () =>
        {
            lock (_lock)
            {
                _subscribers.Remove(channel);
            }

            channel.Writer.TryComplete();
        };
        return channel.Reader;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? lastBlock = null;
        long? lastEpoch = null;
        long? lastIncident = null;
        var lastStatus = "";
        var lastIndexed = "";
        while (!stoppingToken.IsCancellationRequested)
        {
            var news = new List<LiveEvent>();
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                var headBlock = await db.L2Blocks.MaxAsync(b => (long?)b.Number, stoppingToken) ?? 0;
                if (lastBlock is null)
                {
                    // Start from now: the stream announces what is new, the API serves what is old.
                    lastBlock = headBlock;
                    lastEpoch = await db.Epochs.MaxAsync(e => (long?)e.Id, stoppingToken) ?? -1;
                    lastIncident = await db.Incidents.MaxAsync(i => (long?)i.Id, stoppingToken) ?? 0;
                }

                if (headBlock < lastBlock)
                {
                    // A reorg took blocks away: what replaces them is announced as it comes.
                    lastBlock = headBlock;
                    news.Add(new LiveEvent("reorg", JsonSerializer.Serialize(new { headBlock }, ApiJson.Options)));
                }

                if (headBlock - lastBlock > 200)
                {
                    // A backfill races ahead: announce where it stands, not every block it passes.
                    lastBlock = headBlock - 1;
                }

                if (headBlock > lastBlock)
                {
                    var blocks = await db.L2Blocks.AsNoTracking().Where(b => b.Number > lastBlock).OrderBy(b => b.Number).Take(200)
                        .Select(b => new { b.Number, b.Time, b.TxCount, b.Fees, b.EpochId, b.Hash }).ToListAsync(stoppingToken);
                    news.AddRange(blocks.Select(block => Message("block", block)));
                    lastBlock = blocks.Count > 0 ? blocks[^1].Number : lastBlock;
                }

                var epochs = await db.Epochs.AsNoTracking().Where(e => e.Id > lastEpoch).OrderBy(e => e.Id).Take(50).ToListAsync(stoppingToken);
                news.AddRange(epochs.Select(epoch => Message("epoch", new { epoch.Id, epoch.Signer, epoch.StartBlock, epoch.EndBlock, epoch.Recommitted })));
                lastEpoch = epochs.Count > 0 ? epochs[^1].Id : lastEpoch;

                var incidents = await db.Incidents.AsNoTracking().Where(i => i.Id > lastIncident).OrderBy(i => i.Id).Take(50).ToListAsync(stoppingToken);
                news.AddRange(incidents.Select(incident => Message("incident",
                    new { incident.Id, incident.Kind, incident.Signer, incident.EpochId, incident.StartedAt, incident.EndedAt, incident.DurationSeconds, incident.LostBlocks })));
                lastIncident = incidents.Count > 0 ? incidents[^1].Id : lastIncident;

                var statuses = await db.IndexerStatuses.AsNoTracking().ToListAsync(stoppingToken);
                var now = clock.GetUtcNow();
                var freshness = network.Chains.Select(c => HealthApi.Freshness(c, statuses.FirstOrDefault(s => s.ChainId == c.ChainId), now)).ToList();
                // Lag in seconds changes every poll; announce when the blocks or the state change.
                var key = string.Join("|", freshness.Select(f => $"{f.IndexedBlock}/{f.HeadBlock}/{f.State}"));
                var indexed = string.Join("|", freshness.Select(f => f.IndexedBlock));
                // Only new indexed data makes cached answers stale; a node's head moving on alone does not.
                var stale = news.Count > 0 || indexed != lastIndexed;
                lastIndexed = indexed;
                if (key != lastStatus)
                {
                    lastStatus = key;
                    var status = new LiveEvent("status", JsonSerializer.Serialize(freshness, ApiJson.Options));
                    lock (_lock)
                    {
                        _status = status;
                    }

                    news.Add(status);
                }

                if (stale)
                {
                    // What the API answers from its cache is stale from here on; subscribers refresh as they hear of it.
                    await cache.EvictByTagAsync(ServerServices.IndexedDataTag, stoppingToken);
                }

                if (news.Count > 0)
                {
                    foreach (var message in news)
                    {
                        Send(message);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The stream is a nicety: whatever went wrong, it must not take the API down with it.
                logger.LogWarning("Live feed poll failed: {Error}", ex.Message);
            }

            try
            {
                await Task.Delay(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private static LiveEvent Message<T>(string kind, T value) => new(kind, JsonSerializer.Serialize(value, ApiJson.Options));

    private void Send(LiveEvent message)
    {
        lock (_lock)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(message);
            }
        }
    }
}
