using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Indexing;

/// <summary>
/// What a handler gets while the indexer writes one range (or replays): the database inside that transaction
/// — raw logs and raw side data of the range are already written — and the chain. Handlers change entities; the
/// range is saved at once after they ran. What the handlers of a batch will read is mostly loaded before they run
/// (<see cref="LoadAsync{T}"/>, the batch's own logs and side data in memory), so a batch costs a few queries, not
/// a few per log.
/// </summary>
public sealed class ProjectionContext
{
    private readonly Dictionary<Type, Func<object?[], bool>> _loaded = [];
    private readonly Dictionary<(Hash32 Block, int LogIndex), IndexedLog> _logs = [];
    private readonly Dictionary<(Hash32 Block, int LogIndex), RewardBatchCall> _batchCalls = [];
    private readonly Dictionary<(Hash32 Block, int LogIndex), RecommitReadback> _readbacks = [];
    private IReadOnlyDictionary<long, DateTimeOffset>? _blockTimes;

    /// <param name="db">
    /// The transaction's context. Its changes are detected once, when <see cref="SaveChangesAsync"/> saves, not on every
    /// lookup: with hundreds of tracked rows, detecting on each would cost more than the handlers themselves.
    /// </param>
    public ProjectionContext(DashboardDb db, ChainRole chain, long chainId)
    {
        Db = db;
        Chain = chain;
        ChainId = chainId;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
    }

    public DashboardDb Db { get; }

    public ChainRole Chain { get; }

    public long ChainId { get; }

    /// <summary>Facts that arrive before the row they belong to within one transaction (keyed by the handler).</summary>
    public Dictionary<string, object> Pending { get; } = new(StringComparer.Ordinal);

    /// <summary>The logs of the batch being handled (a range being written, or a page of a replay).</summary>
    public IReadOnlyList<IndexedLog> Batch { get; private set; } = [];

    /// <summary>Starts a batch: its logs, and what the indexer fetched with them, are read from memory.</summary>
    public void Begin(IReadOnlyList<IndexedLog> logs, IReadOnlyDictionary<long, DateTimeOffset>? blockTimes = null,
        IEnumerable<RewardBatchCall>? batchCalls = null, IEnumerable<RecommitReadback>? readbacks = null)
    {
        Batch = logs;
        _blockTimes = blockTimes;
        _logs.Clear();
        foreach (var log in logs)
        {
            _logs[(log.Log.BlockHash, log.Log.LogIndex)] = log;
        }

        foreach (var call in batchCalls ?? [])
        {
            _batchCalls[(call.BlockHash, call.LogIndex)] = call;
        }

        foreach (var readback in readbacks ?? [])
        {
            _readbacks[(readback.BlockHash, readback.LogIndex)] = readback;
        }
    }

    /// <summary>
    /// Loads (and tracks) the rows of <typeparamref name="T"/> the batch's handlers will ask for, in one query. Afterwards
    /// <see cref="FindAsync{T}"/> answers every key <paramref name="covers"/> says the load covered from memory, found or not.
    /// </summary>
    public async Task LoadAsync<T>(IQueryable<T> rows, Func<object?[], bool> covers, CancellationToken cancellationToken) where T : class
    {
        await rows.LoadAsync(cancellationToken);
        var before = _loaded.GetValueOrDefault(typeof(T));
        _loaded[typeof(T)] = before is null ? covers : key => before(key) || covers(key);
    }

    /// <summary>Loads every row of a small table (sequencers, signers, pools) once for the whole transaction.</summary>
    public Task LoadAllAsync<T>(CancellationToken cancellationToken) where T : class =>
        _loaded.ContainsKey(typeof(T)) ? Task.CompletedTask : LoadAsync(Db.Set<T>(), static _ => true, cancellationToken);

    /// <summary>A row by its key: one created or loaded in this transaction, else (when not loaded beforehand) from the database.</summary>
    public async ValueTask<T?> FindAsync<T>(CancellationToken cancellationToken, params object?[] key) where T : class
    {
        var entry = Db.Set<T>().Local.FindEntryUntyped(key);
        if (entry is not null)
        {
            return entry.State == EntityState.Deleted ? null : entry.Entity;
        }

        if (_loaded.TryGetValue(typeof(T), out var covers) && covers(key))
        {
            return null;
        }

        return await Db.Set<T>().FindAsync(key, cancellationToken);
    }

    /// <summary>Saves what the handlers changed (detecting the changes first: automatic detection is off, see the constructor).</summary>
    public Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        Db.ChangeTracker.DetectChanges();
        return Db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The time of an L2 block: from the range being written, else from the stored blocks.</summary>
    public async Task<DateTimeOffset?> L2BlockTimeAsync(long number, CancellationToken cancellationToken)
    {
        if (_blockTimes is not null && _blockTimes.TryGetValue(number, out var time))
        {
            return time;
        }

        return await Db.L2Blocks.Where(b => b.Number == number).Select(b => (DateTimeOffset?)b.Time).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The raw log just before <paramref name="log"/> in the same block, if any: from the batch, else from the stored logs.</summary>
    public async Task<(Hash32? Topic0, Hash32? Topic2, byte[] Data)?> PreviousLogAsync(IndexedLog log, CancellationToken cancellationToken)
    {
        if (_logs.TryGetValue((log.Log.BlockHash, log.Log.LogIndex - 1), out var inBatch))
        {
            var topics = inBatch.Log.Topics;
            return (topics.Count > 0 ? topics[0] : null, topics.Count > 2 ? topics[2] : null, inBatch.Log.Data);
        }

        var stored = await Db.RawLogs.AsNoTracking().FirstOrDefaultAsync(
            l => l.ChainId == ChainId && l.BlockHash == log.Log.BlockHash && l.LogIndex == log.Log.LogIndex - 1, cancellationToken);
        return stored is null ? null : (stored.Topic0, stored.Topic2, stored.Data);
    }

    /// <summary>The batchSubmitRewards arguments behind a DistributeReward log (decoded from its transaction when it was fetched).</summary>
    public async Task<RewardBatchCall?> BatchCallOfAsync(IndexedLog log, CancellationToken cancellationToken) =>
        _batchCalls.TryGetValue((log.Log.BlockHash, log.Log.LogIndex), out var call)
            ? call
            : await Db.RewardBatchCalls.AsNoTracking().FirstOrDefaultAsync(c => c.ChainId == ChainId && c.BlockHash == log.Log.BlockHash && c.LogIndex == log.Log.LogIndex, cancellationToken);

    /// <summary>The old epoch's end as the chain stored it after a ReCommitEpoch log (read back when it was fetched).</summary>
    public async Task<RecommitReadback?> ReadbackOfAsync(IndexedLog log, CancellationToken cancellationToken) =>
        _readbacks.TryGetValue((log.Log.BlockHash, log.Log.LogIndex), out var readback)
            ? readback
            : await Db.RecommitReadbacks.AsNoTracking().FirstOrDefaultAsync(r => r.ChainId == ChainId && r.BlockHash == log.Log.BlockHash && r.LogIndex == log.Log.LogIndex, cancellationToken);

    public static Address AddressOf(Hash32 topic) => new(topic.ToBytes().AsSpan(12));
}
