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

    /// <summary>Retries of a call the node refused for rate (429): the client slows down each time, so it may take more.</summary>
    public int RateLimitedRetries { get; set; } = 12;

    /// <summary>
    /// JSON-RPC calls a second at most (each call of a batch counts); null for no limit. Either way the client slows
    /// down when the node answers 429 and speeds up again while it does not.
    /// </summary>
    public double? RequestsPerSecond { get; set; }

    /// <summary>Largest number of calls put in one JSON-RPC batch.</summary>
    public int MaxBatchSize { get; set; } = 100;
}
