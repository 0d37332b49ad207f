using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Dashboard.Testing;

/// <summary>
/// A JSON-RPC proxy in front of an anvil node that enforces what hosted providers do: a rate of calls per second
/// (each call of a batch counts; over it, HTTP 429 with <c>Retry-After: 1</c>, as Alchemy, Infura and QuickNode answer)
/// and a cap on eth_getLogs block ranges (over it, error -32005 "query exceeds max block range"). Counts what it saw,
/// so tests and benchmarks can say how many requests a block cost and how often the client was refused.
/// </summary>
public sealed class HostedRpcProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new();
    private readonly Uri _target;
    private readonly Lock _lock = new();
    private readonly Task _loop;
    private double _tokens;
    private long _refilledAt = Environment.TickCount64;
    private long _requests;
    private long _calls;
    private long _refused;
    private long _rangeRefused;

    /// <param name="target">The node behind the proxy.</param>
    /// <param name="callsPerSecond">Calls a second allowed (burst: one second's worth); null for no limit.</param>
    /// <param name="maxLogRange">Blocks one eth_getLogs may span; null for no cap.</param>
    public HostedRpcProxy(Uri target, double? callsPerSecond, long? maxLogRange)
    {
        _target = target;
        CallsPerSecond = callsPerSecond;
        MaxLogRange = maxLogRange;
        _tokens = callsPerSecond ?? 0;
        Url = new Uri($"http://127.0.0.1:{Dashboard.Devnet.Processes.FreePort.Next()}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public double? CallsPerSecond { get; }

    public long? MaxLogRange { get; }

    /// <summary>HTTP requests answered (a batch is one).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>JSON-RPC calls passed on to the node (each of a batch).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Requests refused with 429.</summary>
    public long RateLimited => Interlocked.Read(ref _refused);

    /// <summary>eth_getLogs calls refused for their range.</summary>
    public long RangeRefused => Interlocked.Read(ref _rangeRefused);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            Interlocked.Increment(ref _requests);
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var request = JsonNode.Parse(body)!;
            var calls = request is JsonArray batch ? batch.Count : 1;
            if (!TryTake(calls))
            {
                Interlocked.Increment(ref _refused);
                context.Response.StatusCode = 429;
                context.Response.AddHeader("Retry-After", "1");
                await WriteAsync(context, """{"jsonrpc":"2.0","id":null,"error":{"code":429,"message":"Too Many Requests: your app has exceeded its compute units per second capacity"}}""");
                return;
            }

            if (request is JsonObject single && RangeTooLarge(single) is { } span)
            {
                Interlocked.Increment(ref _rangeRefused);
                var error = new JsonObject
                {
                    ["jsonrpc"] = "2.0",
                    ["id"] = single["id"]?.DeepClone(),
                    ["error"] = new JsonObject { ["code"] = -32005, ["message"] = $"query exceeds max block range {MaxLogRange} (asked for {span})" },
                };
                await WriteAsync(context, error.ToJsonString());
                return;
            }

            Interlocked.Add(ref _calls, calls);
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _upstream.PostAsync(_target, content);
            context.Response.StatusCode = (int)response.StatusCode;
            await WriteAsync(context, await response.Content.ReadAsStringAsync());
        }
        catch (Exception ex)
        {
            context.Response.StatusCode = 502;
            await WriteAsync(context, ex.Message);
        }
    }

    private static async Task WriteAsync(HttpListenerContext context, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    /// <summary>A token bucket of one second's worth of calls; a batch larger than that passes when the bucket is full.</summary>
    private bool TryTake(int calls)
    {
        if (CallsPerSecond is not { } rate)
        {
            return true;
        }

        lock (_lock)
        {
            var now = Environment.TickCount64;
            _tokens = Math.Min(rate, _tokens + ((now - _refilledAt) / 1000.0 * rate));
            _refilledAt = now;
            var needed = Math.Min(calls, rate);
            if (_tokens < needed)
            {
                return false;
            }

            _tokens -= calls;
            return true;
        }
    }

    private long? RangeTooLarge(JsonObject call)
    {
        if (MaxLogRange is not { } max || call["method"]?.GetValue<string>() != "eth_getLogs" || call["params"] is not JsonArray { Count: > 0 } parameters ||
            parameters[0] is not JsonObject filter || Block(filter["fromBlock"]) is not { } from || Block(filter["toBlock"]) is not { } to)
        {
            return null;
        }

        var span = to - from + 1;
        return span > max ? span : null;
    }

    private static long? Block(JsonNode? value) =>
        value?.GetValue<string>() is { } text && text.StartsWith("0x", StringComparison.Ordinal) &&
        long.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var number) ? number : null;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }

        _upstream.Dispose();
    }
}
