namespace Dashboard.Ethereum.Rpc;

/// <summary>What went wrong with a JSON-RPC call, in the classes the callers act on differently.</summary>
public enum RpcErrorKind
{
    /// <summary>The node could not be reached (refused, reset, DNS). Retried.</summary>
    Unreachable,

    /// <summary>No answer within the timeout. Retried.</summary>
    Timeout,

    /// <summary>HTTP 429 or a JSON-RPC "rate limit" error. Retried with backoff.</summary>
    RateLimited,

    /// <summary>HTTP 5xx. Retried.</summary>
    ServerError,

    /// <summary>The body was not a JSON-RPC response (HTML error page, truncated JSON, wrong id).</summary>
    InvalidResponse,

    /// <summary>The query asked for too much (too many logs, block range too large): split it and ask again.</summary>
    LimitExceeded,

    /// <summary>The EVM reverted (eth_call / estimateGas / send); <see cref="RpcException.Data"/> holds the revert data.</summary>
    ExecutionReverted,

    /// <summary>The node does not offer this method.</summary>
    MethodNotFound,

    /// <summary>Any other JSON-RPC error returned by the node (with HTTP 200).</summary>
    Remote,
}
