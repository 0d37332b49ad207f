namespace Dashboard.Core.Api;

/// <summary>How current the indexed data of one chain is: what the node has, what we have, and the gap.</summary>
public sealed record ChainFreshness
{
    /// <summary>"L1" or "L2".</summary>
    public required string Chain { get; init; }

    public required long ChainId { get; init; }

    /// <summary>Latest block the node reported.</summary>
    public long? HeadBlock { get; init; }

    /// <summary>Last block fully written to the database.</summary>
    public long? IndexedBlock { get; init; }

    /// <summary>Timestamp of <see cref="IndexedBlock"/> on chain.</summary>
    public DateTimeOffset? IndexedBlockTime { get; init; }

    /// <summary>
    /// L2 during a long backfill: the last block whose contract events (epochs, recommits, the fee vault) are indexed,
    /// ahead of <see cref="IndexedBlock"/> while block headers and receipts (fees, stalls) backfill behind; null otherwise.
    /// </summary>
    public long? EventsIndexedBlock { get; init; }

    /// <summary>Timestamp of <see cref="EventsIndexedBlock"/> on chain.</summary>
    public DateTimeOffset? EventsIndexedBlockTime { get; init; }

    /// <summary>HeadBlock − IndexedBlock.</summary>
    public long? LagBlocks { get; init; }

    /// <summary>Seconds between now and the indexed block's timestamp.</summary>
    public double? LagSeconds { get; init; }

    /// <summary>Blocks confirmed before they count as final.</summary>
    public required int Confirmations { get; init; }

    /// <summary>When the indexer last reported.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Blocks indexed per second, smoothed over the last passes (wall clock, fetching included).</summary>
    public double? BlocksPerSecond { get; init; }

    /// <summary>While syncing: the time left to reach the head at <see cref="BlocksPerSecond"/>, in seconds.</summary>
    public double? EstimatedSecondsLeft { get; init; }

    /// <summary>JSON-RPC calls per second the indexer sends the node now (configured, or lowered after 429s); null when unlimited.</summary>
    public double? RequestRate { get; init; }

    /// <summary>Rate-limit answers (HTTP 429) the node gave since the indexer started; it slowed down for each.</summary>
    public long RateLimited { get; init; }

    /// <summary>JSON-RPC calls to the node that failed and were retried since the indexer started (the data stays right).</summary>
    public long RpcRetries { get; init; }

    /// <summary>The failure behind the latest retry, e.g. "HTTP 503" or a cut-off answer; the node is named by host and port only.</summary>
    public string? LastRetryError { get; init; }

    public DateTimeOffset? LastRetryAt { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>"ok", "syncing", "stalled" or "error".</summary>
    public required string State { get; init; }
}
