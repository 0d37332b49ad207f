using System.Net;
using System.Net.Http.Headers;
using System.Numerics;
using System.Text.Json;
using Polly;
using Polly.Retry;

namespace Dashboard.Ethereum.Rpc;

/// <summary>
/// JSON-RPC 2.0 over HTTP to one Ethereum node: single and batch calls, a timeout per attempt, retries with
/// exponential backoff for transient failures, and errors classified (<see cref="RpcErrorKind"/>) — JSON-RPC
/// errors arrive with HTTP 200, so the body, not the status, decides.
/// </summary>
public sealed class EthRpcClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private readonly HttpClient _http;
    private readonly RpcClientOptions _options;
    private readonly ResiliencePipeline _retry;
    private long _nextId;

    public EthRpcClient(HttpClient http, Uri endpoint, RpcClientOptions? options = null)
    {
        _http = http;
        Endpoint = endpoint;
        _options = options ?? new RpcClientOptions();
        Rate = new RequestRate(_options.RequestsPerSecond);
        var retries = Math.Max(1, _options.MaxRetries);
        var rateRetries = Math.Max(retries, _options.RateLimitedRetries);
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // A rate refusal is retried longer than other failures: the client slows down between the attempts.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is RpcException { IsTransient: true } e &&
                    args.AttemptNumber < (e.Kind == RpcErrorKind.RateLimited ? rateRetries : retries)),
                MaxRetryAttempts = rateRetries,
                Delay = _options.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                // The request rate does the waiting after a 429 (at least the node's Retry-After).
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is RpcException { Kind: RpcErrorKind.RateLimited } ? (TimeSpan?)TimeSpan.Zero : null),
                UseJitter = true,
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is RpcException error)
                    {
                        Interlocked.Increment(ref _retries);
                        LastRetry = (error.Message, DateTimeOffset.UtcNow);
                        RetryObserved?.Invoke(error, args.AttemptNumber + 1);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        if (_options.MaxRetries <= 0)
        {
            _retry = ResiliencePipeline.Empty;
        }
    }

    public Uri Endpoint { get; }

    /// <summary>The calls per second this client sends the node, adapting to its 429s.</summary>
    public RequestRate Rate { get; }

    /// <summary>
    /// The endpoint as errors name it: host and port only. Providers put API keys in the path or query
    /// (…/v2/KEY), and these messages reach logs, the health endpoint and browsers.
    /// </summary>
    private string Shown => $"{Endpoint.Host}:{Endpoint.Port}";

    private long _retries;

    /// <summary>Failed calls retried since the client was made (timeouts, 5xx, garbled answers, rate refusals).</summary>
    public long RetryCount => Interlocked.Read(ref _retries);

    /// <summary>The failure behind the latest retry and when it happened (the endpoint shown as host and port only).</summary>
    public (string Error, DateTimeOffset At)? LastRetry { get; private set; }

    /// <summary>Called before each retry with the failure and the attempt number, so callers can report it.</summary>
    public event Action<RpcException, int>? RetryObserved;

    /// <summary>Calls <paramref name="method"/> and returns its result (cloned, safe to keep).</summary>
    public async Task<JsonElement> RequestAsync(string method, object?[] parameters, CancellationToken cancellationToken = default)
    {
        var results = await BatchAsync([new RpcRequest(method, parameters)], cancellationToken).ConfigureAwait(false);
        return results[0].GetValueOrThrow();
    }

    /// <summary>
    /// Sends the requests in batches of at most <see cref="RpcClientOptions.MaxBatchSize"/>. Each result is either a
    /// value (cloned, safe to keep) or that call's own error; a transport failure fails the whole call after retries.
    /// </summary>
    public Task<IReadOnlyList<RpcResult>> BatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default) =>
        BatchAsync(requests, 1, cancellationToken);

    /// <summary>
    /// Like <see cref="BatchAsync(IReadOnlyList{RpcRequest}, CancellationToken)"/>, with up to
    /// <paramref name="parallelism"/> batches on the wire at once (for backfills of many blocks).
    /// </summary>
    public async Task<IReadOnlyList<RpcResult>> BatchAsync(IReadOnlyList<RpcRequest> requests, int parallelism, CancellationToken cancellationToken = default)
    {
        var items = await SendAsync(requests, static e => e.Clone(), parallelism, cancellationToken).ConfigureAwait(false);
        return Array.ConvertAll(items, i => new RpcResult(i.Value, i.Error));
    }

    /// <summary>
    /// Sends the requests and reads each result with <paramref name="read"/> while the answer is parsed (nothing is
    /// cloned or kept but what it returns): the fast path for backfills. Any call's own error fails the whole call.
    /// </summary>
    public async Task<T[]> BatchAsync<T>(IReadOnlyList<RpcRequest> requests, Func<JsonElement, T> read, int parallelism = 1, CancellationToken cancellationToken = default)
    {
        var items = await SendAsync(requests, read, parallelism, cancellationToken).ConfigureAwait(false);
        var values = new T[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            values[i] = items[i].Error is { } error ? throw error : items[i].Value;
        }

        return values;
    }

    // Chunks of MaxBatchSize, up to `parallelism` on the wire at once, each retried on its own.
    private async Task<(T Value, RpcException? Error)[]> SendAsync<T>(IReadOnlyList<RpcRequest> requests, Func<JsonElement, T> read, int parallelism, CancellationToken cancellationToken)
    {
        var results = new (T Value, RpcException? Error)[requests.Count];
        var chunks = (requests.Count + _options.MaxBatchSize - 1) / _options.MaxBatchSize;
        await Parallel.ForAsync(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken }, async (chunk, token) =>
        {
            var start = chunk * _options.MaxBatchSize;
            var count = Math.Min(_options.MaxBatchSize, requests.Count - start);
            await _retry.ExecuteAsync(async attempt =>
            {
                var part = await SendOnceAsync(requests, start, count, read, attempt).ConfigureAwait(false);
                Rate.Succeeded();
                part.CopyTo(results, start);
            }, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return results;
    }

    private async Task<(T Value, RpcException? Error)[]> SendOnceAsync<T>(IReadOnlyList<RpcRequest> requests, int start, int count, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        var single = requests.Count == 1;
        var method = single ? requests[0].Method : $"batch of {count} ({requests[start].Method}...)";
        var firstId = Interlocked.Add(ref _nextId, count) - count + 1;
        var body = BuildBody(requests, start, count, firstId, single);

        var generation = await Rate.WaitAsync(count, cancellationToken).ConfigureAwait(false);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.AttemptTimeout);
        byte[] payload;
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = JsonContentType;
            using var response = await _http.PostAsync(Endpoint, content, attempt.Token).ConfigureAwait(false);
            payload = await response.Content.ReadAsByteArrayAsync(attempt.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var after = response.Headers.RetryAfter is { } header
                    ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
                    : null;
                Rate.RateLimited(after, generation);
                throw new RpcException(RpcErrorKind.RateLimited, method, $"the node at {Shown} is rate limiting (HTTP 429); now sending at most {Rate.Current:0.#} calls/s.") { RetryAfter = after };
            }

            if ((int)response.StatusCode >= 500)
            {
                throw new RpcException(RpcErrorKind.ServerError, method, $"the node answered HTTP {(int)response.StatusCode}.");
            }

            if (!response.IsSuccessStatusCode && payload.Length == 0)
            {
                throw new RpcException(RpcErrorKind.InvalidResponse, method, $"the node answered HTTP {(int)response.StatusCode} with no body.") { Garbled = true };
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RpcException(RpcErrorKind.Timeout, method, $"no answer from the node at {Shown} within {_options.AttemptTimeout.TotalSeconds:0.#} s.", inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new RpcException(RpcErrorKind.Unreachable, method, $"cannot reach the node at {Shown}: {ex.Message}", inner: ex);
        }

        (T Value, RpcException? Error)[] results;
        try
        {
            results = ParseResponse(payload, method, firstId, count, single, read);
        }
        catch (RpcException refused) when (refused.Kind == RpcErrorKind.RateLimited)
        {
            // A batch refused as a whole with a rate error (HTTP 200).
            Rate.RateLimited(null, generation);
            throw;
        }

        // Providers refuse calls of a batch one by one (-32005 "rate limited"): the chunk goes again, slower.
        foreach (var item in results)
        {
            if (item.Error is { Kind: RpcErrorKind.RateLimited } refused)
            {
                Rate.RateLimited(null, generation);
                throw refused;
            }
        }

        return results;
    }

    private static byte[] BuildBody(IReadOnlyList<RpcRequest> requests, int start, int count, long firstId, bool single)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            if (!single)
            {
                writer.WriteStartArray();
            }

            for (var i = 0; i < count; i++)
            {
                var request = requests[start + i];
                writer.WriteStartObject();
                writer.WriteString("jsonrpc", "2.0");
                writer.WriteNumber("id", firstId + i);
                writer.WriteString("method", request.Method);
                writer.WritePropertyName("params");
                JsonSerializer.Serialize(writer, request.Params, RpcSerializer.Options);
                writer.WriteEndObject();
            }

            if (!single)
            {
                writer.WriteEndArray();
            }
        }

        return stream.ToArray();
    }

    private static (T Value, RpcException? Error)[] ParseResponse<T>(byte[] payload, string method, long firstId, int count, bool single, Func<JsonElement, T> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException ex)
        {
            var preview = System.Text.Encoding.UTF8.GetString(payload, 0, Math.Min(payload.Length, 120));
            throw new RpcException(RpcErrorKind.InvalidResponse, method, $"the node's answer is not JSON: '{preview}'", inner: ex) { Garbled = true };
        }

        using (document)
        {
            var results = new (T Value, RpcException? Error)[count];
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && (single || !root.TryGetProperty("id", out var id) || id.ValueKind == JsonValueKind.Null))
            {
                // A single answer, or a batch rejected as a whole (some nodes answer one error object to a batch).
                var result = ParseOne(root, method, read);
                if (!single && result.Error is { } batchError)
                {
                    throw batchError;
                }

                results[0] = result;
                return results;
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new RpcException(RpcErrorKind.InvalidResponse, method, "the node answered a batch with something other than an array.") { Garbled = true };
            }

            var seen = new bool[count];
            foreach (var item in root.EnumerateArray())
            {
                if (!item.TryGetProperty("id", out var idElement) || !idElement.TryGetInt64(out var itemId))
                {
                    continue;
                }

                var index = itemId - firstId;
                if (index >= 0 && index < count)
                {
                    results[index] = ParseOne(item, method, read);
                    seen[index] = true;
                }
            }

            var missing = Array.IndexOf(seen, false);
            if (missing >= 0)
            {
                throw new RpcException(RpcErrorKind.InvalidResponse, method, $"the node's batch answer lacks the result for call {missing + 1} of {count}.") { Garbled = true };
            }

            return results;
        }
    }

    private static (T Value, RpcException? Error) ParseOne<T>(JsonElement item, string method, Func<JsonElement, T> read)
    {
        if (item.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var codeValue) ? codeValue : 0;
            var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
            string? data = null;
            if (error.TryGetProperty("data", out var d))
            {
                data = d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText();
            }

            return (default!, RpcException.FromError(method, code, message, data));
        }

        if (!item.TryGetProperty("result", out var result))
        {
            return (default!, new RpcException(RpcErrorKind.InvalidResponse, method, "the answer has neither a result nor an error."));
        }

        try
        {
            return (read(result), null);
        }
        catch (FormatException ex)
        {
            // A field missing or malformed: the node's answer is wrong, not our request.
            return (default!, new RpcException(RpcErrorKind.InvalidResponse, method, ex.Message, inner: ex));
        }
    }

    // ---- Typed calls ----

    public async Task<long> ChainIdAsync(CancellationToken cancellationToken = default) =>
        Hex.ParseLongQuantity((await RequestAsync("eth_chainId", [], cancellationToken).ConfigureAwait(false)).GetString()!);

    public async Task<long> BlockNumberAsync(CancellationToken cancellationToken = default) =>
        Hex.ParseLongQuantity((await RequestAsync("eth_blockNumber", [], cancellationToken).ConfigureAwait(false)).GetString()!);

    public async Task<BigInteger> GetBalanceAsync(Address address, string block = "latest", CancellationToken cancellationToken = default) =>
        Hex.ParseBigQuantity((await RequestAsync("eth_getBalance", [address, block], cancellationToken).ConfigureAwait(false)).GetString()!);

    public async Task<byte[]> GetCodeAsync(Address address, string block = "latest", CancellationToken cancellationToken = default) =>
        Hex.Decode((await RequestAsync("eth_getCode", [address, block], cancellationToken).ConfigureAwait(false)).GetString()!);

    public async Task<Block?> GetBlockAsync(long number, CancellationToken cancellationToken = default) =>
        await GetBlockAsync(Hex.Quantity(number), cancellationToken).ConfigureAwait(false);

    /// <summary>A block by tag ("latest", "safe", "finalized") or hex number; null when the node does not have it.</summary>
    public async Task<Block?> GetBlockAsync(string blockTag, CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync("eth_getBlockByNumber", [blockTag, false], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Null ? null : RpcJson.ParseBlock(result);
    }

    /// <summary>Headers of <c>from..to</c> (inclusive) in batched requests; throws if the node lacks one.</summary>
    public Task<IReadOnlyList<Block>> GetBlocksAsync(long from, long to, CancellationToken cancellationToken = default)
    {
        var numbers = new long[Math.Max(0, to - from + 1)];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = from + i;
        }

        return GetBlocksAsync(numbers, 1, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Headers of the given blocks, in the same order, in batched requests; throws if the node lacks one. With
    /// <paramref name="transactions"/>, each block also lists its transactions' gas price and sequencer signature.
    /// </summary>
    public async Task<IReadOnlyList<Block>> GetBlocksAsync(IReadOnlyList<long> numbers, int parallelism = 1, bool transactions = false, CancellationToken cancellationToken = default)
    {
        var requests = new RpcRequest[numbers.Count];
        for (var i = 0; i < requests.Length; i++)
        {
            requests[i] = new RpcRequest("eth_getBlockByNumber", Hex.Quantity(numbers[i]), transactions);
        }

        return await BatchAsync(requests, static value => value.ValueKind == JsonValueKind.Null
            ? throw new FormatException("the node does not have a block it was asked for (beyond its head, or pruned).")
            : RpcJson.ParseBlock(value), parallelism, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Log>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken = default)
    {
        var criteria = new Dictionary<string, object?>
        {
            ["fromBlock"] = Hex.Quantity(filter.FromBlock),
            ["toBlock"] = Hex.Quantity(filter.ToBlock),
        };
        if (filter.Addresses.Count > 0)
        {
            criteria["address"] = filter.Addresses.Select(a => a.ToLowerHex()).ToArray();
        }

        if (filter.Topic0.Count > 0 || filter.IndexedTopics.Count > 0)
        {
            var topics = new List<object?> { filter.Topic0.Count > 0 ? filter.Topic0.Select(t => t.ToString()).ToArray() : null };
            topics.AddRange(filter.IndexedTopics.Select(t => (object?)t?.ToString()));
            criteria["topics"] = topics;
        }

        var result = await RequestAsync("eth_getLogs", [criteria], cancellationToken).ConfigureAwait(false);
        return result.EnumerateArray().Select(RpcJson.ParseLog).ToArray();
    }

    public async Task<Transaction?> GetTransactionAsync(Hash32 hash, CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync("eth_getTransactionByHash", [hash], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Null ? null : RpcJson.ParseTransaction(result);
    }

    public async Task<IReadOnlyList<Transaction>> GetTransactionsAsync(IReadOnlyList<Hash32> hashes, CancellationToken cancellationToken = default) =>
        await BatchAsync(hashes.Select(h => new RpcRequest("eth_getTransactionByHash", h)).ToArray(), static value => value.ValueKind == JsonValueKind.Null
            ? throw new FormatException("the node does not know a transaction it was asked for.")
            : RpcJson.ParseTransaction(value), 1, cancellationToken).ConfigureAwait(false);

    public async Task<TransactionReceipt?> GetReceiptAsync(Hash32 hash, CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync("eth_getTransactionReceipt", [hash], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Null ? null : RpcJson.ParseReceipt(result);
    }

    /// <summary>
    /// What each transaction of many blocks paid (<c>eth_getBlockReceipts</c> per block), in batches: the gas fields of
    /// the receipts only — their logs are not read.
    /// </summary>
    public async Task<IReadOnlyList<ReceiptGas>> GetBlocksReceiptGasAsync(IReadOnlyList<long> numbers, int parallelism = 1, CancellationToken cancellationToken = default)
    {
        var blocks = await BatchAsync(numbers.Select(n => new RpcRequest("eth_getBlockReceipts", Hex.Quantity(n))).ToArray(),
            static value => value.ValueKind == JsonValueKind.Null ? [] : RpcJson.ParseReceiptGasList(value), parallelism, cancellationToken).ConfigureAwait(false);
        return blocks.SelectMany(b => b).ToArray();
    }

    /// <summary>What each transaction paid, by transaction hash, in batches (for nodes without eth_getBlockReceipts, such as Metis' l2geth).</summary>
    public async Task<IReadOnlyList<ReceiptGas>> GetReceiptGasAsync(IReadOnlyList<Hash32> hashes, int parallelism = 1, CancellationToken cancellationToken = default) =>
        await BatchAsync(hashes.Select(h => new RpcRequest("eth_getTransactionReceipt", h)).ToArray(), static value => value.ValueKind == JsonValueKind.Null
            ? throw new FormatException("the node has no receipt for a transaction of a block it served.")
            : RpcJson.ParseReceiptGas(value), parallelism, cancellationToken).ConfigureAwait(false);

    /// <summary>All receipts of a block in one call (<c>eth_getBlockReceipts</c>).</summary>
    public async Task<IReadOnlyList<TransactionReceipt>> GetBlockReceiptsAsync(long number, CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync("eth_getBlockReceipts", [Hex.Quantity(number)], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Null ? [] : result.EnumerateArray().Select(RpcJson.ParseReceipt).ToArray();
    }

    public async Task<byte[]> CallAsync(TransactionRequest call, string block = "latest", CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync("eth_call", [CallObject(call), block], cancellationToken).ConfigureAwait(false);
        return Hex.Decode(result.GetString()!);
    }

    public async Task<long> EstimateGasAsync(TransactionRequest call, CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync("eth_estimateGas", [CallObject(call)], cancellationToken).ConfigureAwait(false);
        return Hex.ParseLongQuantity(result.GetString()!);
    }

    public async Task<BigInteger> GasPriceAsync(CancellationToken cancellationToken = default) =>
        Hex.ParseBigQuantity((await RequestAsync("eth_gasPrice", [], cancellationToken).ConfigureAwait(false)).GetString()!);

    /// <summary>Sends from an account the node holds (devnet only); returns the hash without waiting for the receipt.</summary>
    public async Task<Hash32> SendTransactionAsync(TransactionRequest transaction, CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync("eth_sendTransaction", [CallObject(transaction)], cancellationToken).ConfigureAwait(false);
        return Hash32.Parse(result.GetString()!);
    }

    /// <summary>Polls until the receipt exists; <c>eth_sendTransaction</c> returns before it does.</summary>
    public async Task<TransactionReceipt> WaitForReceiptAsync(Hash32 hash, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            var receipt = await GetReceiptAsync(hash, cancellationToken).ConfigureAwait(false);
            if (receipt is not null)
            {
                return receipt;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Transaction {hash} has no receipt after {timeout.TotalSeconds:0.#} s.");
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }

    /// <summary>The JSON-RPC call object for <paramref name="call"/> (for callers that build their own batches).</summary>
    public static Dictionary<string, object?> CallObject(TransactionRequest call)
    {
        var obj = new Dictionary<string, object?>();
        if (call.From is { } from)
        {
            obj["from"] = from.ToLowerHex();
        }

        if (call.To is { } to)
        {
            obj["to"] = to.ToLowerHex();
        }

        if (call.Data is { } data)
        {
            // "data" rather than "input": older nodes (Metis' l2geth among them) know only "data".
            obj["data"] = Hex.Encode(data);
        }

        if (call.Value is { } value)
        {
            obj["value"] = Hex.Quantity(value);
        }

        if (call.Gas is { } gas)
        {
            obj["gas"] = Hex.Quantity(gas);
        }

        if (call.GasPrice is { } gasPrice)
        {
            obj["gasPrice"] = Hex.Quantity(gasPrice);
        }

        return obj;
    }
}
