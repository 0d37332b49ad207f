namespace Dashboard.Ethereum.Rpc;

/// <summary>A failed JSON-RPC call, classified so callers can retry, split a range or show a revert.</summary>
public sealed class RpcException : Exception
{
    public RpcException(RpcErrorKind kind, string method, string message, int? code = null, string? data = null, Exception? inner = null)
        : base($"{method}: {message}", inner)
    {
        Kind = kind;
        Method = method;
        Code = code;
        Data = data;
        Detail = message;
    }

    public RpcErrorKind Kind { get; }

    public string Method { get; }

    /// <summary>The JSON-RPC error code, when the node sent one.</summary>
    public int? Code { get; }

    /// <summary>The error's data field (revert data as hex for reverts), when present.</summary>
    public new string? Data { get; }

    /// <summary>The node's own message without the method prefix.</summary>
    public string Detail { get; }

    /// <summary>How long a rate-limiting node asked to be left alone (its Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// The answer was cut or mangled on the way (not JSON, an empty body, a batch answer missing calls): worth another
    /// try, unlike a well-formed answer the client cannot use.
    /// </summary>
    public bool Garbled { get; init; }

    public bool IsTransient => Garbled || Kind is RpcErrorKind.Unreachable or RpcErrorKind.Timeout or RpcErrorKind.RateLimited or RpcErrorKind.ServerError;

    /// <summary>Classifies a JSON-RPC error object (HTTP 200 with an "error" member).</summary>
    public static RpcException FromError(string method, int code, string message, string? data)
    {
        var lower = message.ToLowerInvariant();
        var kind = code switch
        {
            3 => RpcErrorKind.ExecutionReverted,
            -32601 => RpcErrorKind.MethodNotFound,
            -32005 when lower.Contains("rate", StringComparison.Ordinal) => RpcErrorKind.RateLimited,
            -32005 => RpcErrorKind.LimitExceeded,
            _ when lower.Contains("execution reverted", StringComparison.Ordinal) || lower.Contains("revert", StringComparison.Ordinal) => RpcErrorKind.ExecutionReverted,
            _ when lower.Contains("rate limit", StringComparison.Ordinal) || lower.Contains("too many requests", StringComparison.Ordinal) => RpcErrorKind.RateLimited,
            _ when IsLimitMessage(lower) => RpcErrorKind.LimitExceeded,
            _ => RpcErrorKind.Remote,
        };
        return new RpcException(kind, method, message, code, data);
    }

    // Providers word "asked for too much" in many ways; these cover geth, erigon, anvil, Alchemy, Infura, QuickNode and Metis' own nodes.
    private static bool IsLimitMessage(string lower) =>
        lower.Contains("query returned more than", StringComparison.Ordinal) ||
        lower.Contains("too many results", StringComparison.Ordinal) ||
        lower.Contains("block range", StringComparison.Ordinal) ||
        lower.Contains("range is too large", StringComparison.Ordinal) ||
        lower.Contains("range too large", StringComparison.Ordinal) ||
        lower.Contains("exceed", StringComparison.Ordinal) && lower.Contains("limit", StringComparison.Ordinal) ||
        lower.Contains("response size", StringComparison.Ordinal) ||
        lower.Contains("log response size", StringComparison.Ordinal);
}
