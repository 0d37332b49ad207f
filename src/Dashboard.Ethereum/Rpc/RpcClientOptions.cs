namespace Dashboard.Ethereum.Rpc;

/// <summary>How patient the JSON-RPC client is with one node.</summary>
public sealed class RpcClientOptions
{
    /// <summary>Time allowed for one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt for transient failures (unreachable, timeout, 429, 5xx).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay; doubles each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Largest number of calls put in one JSON-RPC batch.</summary>
    public int MaxBatchSize { get; set; } = 100;
}
