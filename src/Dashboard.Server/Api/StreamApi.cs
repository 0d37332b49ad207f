using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Dashboard.Server.Live;

namespace Dashboard.Server.Api;

/// <summary>/api/stream: server-sent events announcing new L2 blocks, epochs, incidents and indexer status.</summary>
public static class StreamApi
{
    public static IEndpointRouteBuilder MapStreamApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/stream", Stream).WithTags("Live").WithName("Stream")
            .WithSummary("Server-sent events: 'block', 'epoch', 'incident' and 'status' (per-chain freshness), JSON data; a comment every 15 s keeps proxies from closing it");
        return app;
    }

    public static IResult Stream(LiveFeed feed, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(Events(feed, cancellationToken));

    private static async IAsyncEnumerable<SseItem<string>> Events(LiveFeed feed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = feed.Subscribe(out var unsubscribe);
        try
        {
            yield return new SseItem<string>("{}", "hello");
            while (!cancellationToken.IsCancellationRequested)
            {
                using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                keepAlive.CancelAfter(TimeSpan.FromSeconds(15));
                LiveEvent? message = null;
                try
                {
                    if (await reader.WaitToReadAsync(keepAlive.Token))
                    {
                        reader.TryRead(out message);
                    }
                    else
                    {
                        yield break;
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Quiet for 15 s: a ping keeps the connection open.
                }

                yield return message is null ? new SseItem<string>("{}", "ping") : new SseItem<string>(message.Json, message.Kind);
            }
        }
        finally
        {
            unsubscribe();
        }
    }
}
