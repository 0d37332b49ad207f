using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Ethereum;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Indexing;

/// <summary>
/// What a handler gets while the indexer writes one range (or replays): the database inside that transaction
/// — raw logs and raw side data of the range are already written — and the chain. Handlers change entities;
/// the indexer saves after each log.
/// </summary>
public sealed class ProjectionContext(DashboardDb db, ChainRole chain, long chainId, IReadOnlyDictionary<long, DateTimeOffset>? blockTimes = null)
{
    public DashboardDb Db { get; } = db;

    public ChainRole Chain { get; } = chain;

    public long ChainId { get; } = chainId;

    /// <summary>Facts that arrive before the row they belong to within one transaction (keyed by the handler).</summary>
    public Dictionary<string, object> Pending { get; } = new(StringComparer.Ordinal);

    /// <summary>The time of an L2 block: from the range being written, else from the stored blocks.</summary>
    public async Task<DateTimeOffset?> L2BlockTimeAsync(long number, CancellationToken cancellationToken)
    {
        if (blockTimes is not null && blockTimes.TryGetValue(number, out var time))
        {
            return time;
        }

        return await Db.L2Blocks.Where(b => b.Number == number).Select(b => (DateTimeOffset?)b.Time).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The stored raw log just before <paramref name="log"/> in the same block, if any.</summary>
    public Task<Data.Entities.RawLog?> PreviousLogAsync(IndexedLog log, CancellationToken cancellationToken) =>
        Db.RawLogs.AsNoTracking().FirstOrDefaultAsync(
            l => l.ChainId == ChainId && l.BlockHash == log.Log.BlockHash && l.LogIndex == log.Log.LogIndex - 1, cancellationToken);

    public static Address AddressOf(Hash32 topic) => new(topic.ToBytes().AsSpan(12));
}
