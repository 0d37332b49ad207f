using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Server.Indexing;

/// <summary>
/// What a handler gets while the indexer writes one range: the database inside the range's transaction, and the
/// chain. Handlers change tracked entities; the indexer saves them with the raw data and the checkpoint.
/// </summary>
public sealed class ProjectionContext(DashboardDb db, ChainRole chain, long chainId)
{
    public DashboardDb Db { get; } = db;

    public ChainRole Chain { get; } = chain;

    public long ChainId { get; } = chainId;

    /// <summary>Facts that arrive before the row they belong to within one transaction (keyed by the handler).</summary>
    public Dictionary<string, object> Pending { get; } = new(StringComparer.Ordinal);
}
