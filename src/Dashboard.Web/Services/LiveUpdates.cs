using System.Net.ServerSentEvents;
using System.Text.Json;
using Dashboard.Core.Api;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Services;

/// <summary>
/// One connection from this UI server to the API's live stream, shared by every open page: new L2 blocks,
/// epochs, incidents and per-chain freshness. Reconnects with backoff when the API goes away; pages that
/// subscribe refresh themselves instead of being reloaded.
/// </summary>
public sealed class LiveUpdates(IHttpClientFactory httpClients, IOptions<ApiOptions> options, ILogger<LiveUpdates> logger) : BackgroundService
{
    public const string HttpClientName = "live";

    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(45);

    /// <summary>Raised for every message; handlers run on the stream's thread and must hand work to their renderer.</summary>
    public event Action<LiveMessage>? Received
    {
        add
        {
            lock (_gate)
            {
                _received += value;
                _subscribers = _received?.GetInvocationList().Length ?? 0;
            }
        }

        remove
        {
            lock (_gate)
            {
                _received -= value;
                _subscribers = _received?.GetInvocationList().Length ?? 0;
            }
        }
    }

    private readonly object _gate = new();
    private Action<LiveMessage>? _received;
    private int _subscribers;

    /// <summary>
    /// How long a page waits after refreshing before it refreshes again: half a second while few pages are open, 10 ms
    /// more for each subscriber (about two a page) up to 10 s. Hundreds of open pages refreshing on every block would
    /// otherwise take the cores from the visitors who are opening a page; the freshness bar still moves with each block.
    /// </summary>
    public TimeSpan RefreshPause => TimeSpan.FromMilliseconds(Math.Clamp(Volatile.Read(ref _subscribers) * 10, 500, 10_000));

    /// <summary>The last freshness report per chain.</summary>
    public IReadOnlyList<ChainFreshness>? LatestStatus { get; private set; }

    public bool Connected { get; private set; }

    /// <summary>Moves on with every message (and every reconnection, after which messages may have been missed).</summary>
    public long Generation => Interlocked.Read(ref _generation);

    private long _generation;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var http = httpClients.CreateClient(HttpClientName);
                // The API says something at least every 15 s (a ping): 45 s of silence is a dead connection.
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                idle.CancelAfter(IdleLimit);
                using var response = await http.GetAsync(new Uri(options.Value.BaseUrl, "api/stream"), HttpCompletionOption.ResponseHeadersRead, idle.Token);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync(idle.Token);
                Connected = true;
                Interlocked.Increment(ref _generation);
                delay = TimeSpan.FromSeconds(1);
                await foreach (var item in SseParser.Create(body).EnumerateAsync(idle.Token))
                {
                    idle.CancelAfter(IdleLimit);
                    Dispatch(item.EventType, item.Data);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Whatever broke the stream, pages fall back to their own loads; the UI server stays up and reconnects.
                logger.LogDebug("Live stream from the API interrupted ({Error}); reconnecting in {Delay}", ex.Message, delay);
            }

            Connected = false;
            await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
        }
    }

    private void Dispatch(string kind, string data)
    {
        if (kind is "hello" or "ping")
        {
            return;
        }

        Interlocked.Increment(ref _generation);
        using var json = JsonDocument.Parse(data);
        var root = json.RootElement.Clone();
        var l1Moved = false;
        if (kind == "status")
        {
            var before = L1Indexed(LatestStatus);
            LatestStatus = root.Deserialize<List<ChainFreshness>>(ApiJson.Options);
            l1Moved = L1Indexed(LatestStatus) != before;
        }

        Send(new LiveMessage(kind, root));
        if (l1Moved)
        {
            // Derived for the pages whose data lives on L1 only (stake, rewards, delegations): status comes with
            // every L2 block, this only when the L1 data moved on.
            Send(new LiveMessage("l1", root));
        }
    }

    private static long? L1Indexed(IReadOnlyList<ChainFreshness>? status) => status?.FirstOrDefault(c => c.Chain == "L1")?.IndexedBlock;

    private void Send(LiveMessage message)
    {
        var handlers = _received;
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<LiveMessage>>())
        {
            try
            {
                handler(message);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
            {
                // A page that went away mid-message; it unsubscribes as it is disposed.
            }
        }
    }
}

/// <summary>
/// A message of the live stream: "block", "epoch", "incident" or "status", with its JSON data; and "l1" (with the
/// status data), derived here when the L1 data moved on.
/// </summary>
public sealed record LiveMessage(string Kind, JsonElement Data);
