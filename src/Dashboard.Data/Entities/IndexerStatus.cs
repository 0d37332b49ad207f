namespace Dashboard.Data.Entities;

/// <summary>Heartbeat of one chain's indexer.</summary>
public sealed class IndexerStatus
{
    public long ChainId { get; set; }

    public string Role { get; set; } = "";

    public long? HeadBlock { get; set; }

    public long? IndexedBlock { get; set; }

    public DateTimeOffset? IndexedBlockTime { get; set; }

    public double? BlocksPerSecond { get; set; }

    /// <summary>L2: the last block whose events are indexed ahead of the blocks (null when they go with the blocks).</summary>
    public long? EventsBlock { get; set; }

    public DateTimeOffset? EventsBlockTime { get; set; }

    /// <summary>JSON-RPC calls per second the indexer allows itself now; null when unlimited.</summary>
    public double? RequestRate { get; set; }

    /// <summary>Rate-limit answers since the indexer started.</summary>
    public long RateLimited { get; set; }

    /// <summary>JSON-RPC calls that failed and were retried since the indexer started.</summary>
    public long RpcRetries { get; set; }

    public string? LastRetryError { get; set; }

    public DateTimeOffset? LastRetryAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? LastErrorAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
