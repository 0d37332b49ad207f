using Dashboard.Core.Chains;

namespace Dashboard.Server.Configuration;

/// <summary>Per-chain settings; anything left empty comes from the profile.</summary>
public sealed class ChainOptions
{
    public bool Enabled { get; set; } = true;

    public string? RpcUrl { get; set; }

    /// <summary>The RPC URL users' wallets are offered when they add the chain (default: <see cref="RpcUrl"/>, which may hold an API key).</summary>
    public Uri? PublicRpcUrl { get; set; }

    public long? ChainId { get; set; }

    /// <summary>The chain's public block explorer for links (overrides the profile's; e.g. a fork's own explorer).</summary>
    public Uri? ExplorerUrl { get; set; }

    /// <summary>Blocks at or below head − Confirmations are final and indexed.</summary>
    public int? Confirmations { get; set; }

    /// <summary>How often to ask for a new head when caught up.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First eth_getLogs range; it adapts from there (halves when the node refuses, grows after answers).</summary>
    public int InitialLogRange { get; set; } = 2000;

    /// <summary>The largest eth_getLogs range asked for: a hosted provider's cap (e.g. 1000 or 2000 blocks) saves the refusals.</summary>
    public int MaxLogRange { get; set; } = 50_000;

    /// <summary>L2 blocks per range: headers and receipts of each are fetched.</summary>
    public int BlockBatch { get; set; } = 500;

    /// <summary>
    /// L2: when the indexer is more than this many blocks behind the final head, the contracts' events (epochs,
    /// recommits, the fee vault) are indexed first, in eth_getLogs ranges, so epochs, uptime and rewards are there within
    /// minutes; block headers and receipts (fees, stalls, producers) backfill behind them. 0 turns it off.
    /// </summary>
    public long EventsFirstAfter { get; set; } = 1_000;

    /// <summary>
    /// L2: index every Uniswap V2-style Swap (any pool, asked for by topic) for the sandwich search of the sequencing
    /// fairness figures; false leaves swaps out (one eth_getLogs call less per range).
    /// </summary>
    public bool WatchSwaps { get; set; } = true;

    /// <summary>JSON-RPC batches on the wire at once during a backfill.</summary>
    public int RpcParallelism { get; set; } = 4;

    /// <summary>Calls per JSON-RPC batch (providers cap it: e.g. 100, some 10 or 50).</summary>
    public int RpcBatchSize { get; set; } = 100;

    /// <summary>
    /// JSON-RPC calls per second at most (each call of a batch counts, as providers count them); empty for no limit.
    /// Either way a 429 from the node slows the indexer down (and honours Retry-After) instead of failing it.
    /// </summary>
    public double? RequestsPerSecond { get; set; }

    /// <summary>L2: a gap between two blocks of one epoch longer than this is a stall (mainnet: ~3 min triggers a recommit).</summary>
    public int? StallSeconds { get; set; }

    /// <summary>
    /// Overrides a profile contract's address or start block (e.g. <c>Network__L1__Contracts__LockingPool__Address</c>),
    /// or adds one the profile lacks. Checked when the network is resolved: a malformed value stops the server.
    /// </summary>
    public Dictionary<string, ContractOverride> Contracts { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One contract's settings as configuration gives them: text, validated when the network is resolved.</summary>
public sealed class ContractOverride
{
    public string? Address { get; set; }

    public long? StartBlock { get; set; }
}
