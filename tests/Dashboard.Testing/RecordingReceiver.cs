using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Dashboard.Testing;

/// <summary>One request a <see cref="RecordingReceiver"/> got.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A local HTTP receiver (a webhook, Slack, Discord or the Telegram Bot API in tests) that keeps every request and
/// answers each with <see cref="Answer"/> (200 "ok" unless a test says otherwise, e.g. a 500 to see a retry).
/// </summary>
public sealed class RecordingReceiver : LoopbackHttpServer
{
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    /// <summary>The status and body to answer a request with.</summary>
    public Func<ReceivedRequest, (int Status, string Body)> Answer { get; set; } = _ => (200, "ok");

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    protected override async Task AnswerAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body.ToArray(), DateTimeOffset.UtcNow);
        _requests.Enqueue(request);
        var (status, text) = Answer(request);
        await WriteAsync(context, text, status);
    }

    /// <summary>Waits until <paramref name="done"/> holds for the requests so far, or fails after <paramref name="seconds"/> naming what arrived.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitAsync(Func<IReadOnlyList<ReceivedRequest>, bool> done, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var requests = Requests;
            if (done(requests))
            {
                return requests;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The receiver did not get what the test waits for within {seconds} s; it got {Requests.Count} requests: {string.Join(" | ", Requests.Select(r => r.Path + " " + r.Text))}");
    }
}
