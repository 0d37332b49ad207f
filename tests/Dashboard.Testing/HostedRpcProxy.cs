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
public sealed class HostedRpcProxy : JsonRpcProxy
{
    private readonly Lock _lock = new();
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
        : base(target)
    {
        CallsPerSecond = callsPerSecond;
        MaxLogRange = maxLogRange;
        _tokens = callsPerSecond ?? 0;
    }

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

    protected override async Task AnswerAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var request = JsonNode.Parse(body)!;
        var calls = request is JsonArray batch ? batch.Count : 1;
        if (!TryTake(calls))
        {
            Interlocked.Increment(ref _refused);
            context.Response.AddHeader("Retry-After", "1");
            await WriteAsync(context, """{"jsonrpc":"2.0","id":null,"error":{"code":429,"message":"Too Many Requests: your app has exceeded its compute units per second capacity"}}""", 429);
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
        var (status, answer) = await ForwardAsync(body);
        await WriteAsync(context, answer, (int)status);
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
}
