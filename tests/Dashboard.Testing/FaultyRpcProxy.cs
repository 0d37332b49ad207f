using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Dashboard.Testing;

/// <summary>
/// A JSON-RPC proxy that misbehaves as real nodes and load balancers do, at random (seeded): HTTP 503 and 429,
/// answers cut off mid-JSON or not JSON at all, batch answers with a call missing or the calls out of order, and
/// delays. Counts each fault it injected.
/// </summary>
public sealed class FaultyRpcProxy(Uri target, int seed, double errors = 0.05, double malformed = 0.01, int maxDelayMs = 30) : JsonRpcProxy(target)
{
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();
    private long _requests;
    private long _faults;

    public long Requests => Interlocked.Read(ref _requests);

    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>
    /// A server's settings to index both chains through these proxies with small batches and log ranges (many calls,
    /// so many faults). <paramref name="separator"/> is ":" for in-process configuration, "__" for environment variables.
    /// </summary>
    public static Dictionary<string, string?> ServerSettings(FaultyRpcProxy l1, FaultyRpcProxy l2, string separator)
    {
        string Key(string chain, string name) => string.Join(separator, "Network", chain, name);
        return new Dictionary<string, string?>
        {
            [Key("L1", "RpcUrl")] = l1.Url.ToString(),
            [Key("L2", "RpcUrl")] = l2.Url.ToString(),
            [Key("L1", "RpcBatchSize")] = "4",
            [Key("L1", "InitialLogRange")] = "20",
            [Key("L1", "MaxLogRange")] = "20",
            [Key("L2", "RpcBatchSize")] = "4",
            [Key("L2", "BlockBatch")] = "20",
        };
    }

    private double Next()
    {
        lock (_lock)
        {
            return _random.NextDouble();
        }
    }

    protected override async Task AnswerAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        await Task.Delay((int)(Next() * maxDelayMs));
        var roll = Next();
        if (roll < errors / 2)
        {
            Interlocked.Increment(ref _faults);
            await WriteAsync(context, "<html><body>503 Service Temporarily Unavailable</body></html>", 503);
            return;
        }

        if (roll < errors)
        {
            Interlocked.Increment(ref _faults);
            context.Response.AddHeader("Retry-After", "0");
            await WriteAsync(context, """{"jsonrpc":"2.0","id":null,"error":{"code":429,"message":"Too Many Requests"}}""", 429);
            return;
        }

        var (status, answer) = await ForwardAsync(body);
        if (roll < errors + malformed)
        {
            Interlocked.Increment(ref _faults);
            answer = (Next() * 3) switch
            {
                < 1 => answer[..(answer.Length / 2)],
                < 2 => "upstream connect error or disconnect/reset before headers",
                _ => WithoutOneCall(answer),
            };
        }
        else if (Next() < malformed && JsonNode.Parse(answer) is JsonArray batch && batch.Count > 1)
        {
            // Out of order is allowed by JSON-RPC: the client must match calls by id.
            answer = new JsonArray(batch.Select(i => i?.DeepClone()).Reverse().ToArray()).ToJsonString();
        }

        await WriteAsync(context, answer, (int)status);
    }

    private static string WithoutOneCall(string answer) =>
        JsonNode.Parse(answer) is JsonArray { Count: > 1 } batch
            ? new JsonArray(batch.Skip(1).Select(i => i?.DeepClone()).ToArray()).ToJsonString()
            : answer[..(answer.Length / 2)];
}
