using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Server.Indexing;

/// <summary>
/// Everything a chain said about blocks <see cref="From"/>..<see cref="To"/>, fetched and decoded but not yet
/// written: the range's logs, the headers the indexer keeps, and the raw side data read for them.
/// </summary>
public sealed class FetchedRange
{
    public required long From { get; init; }

    public required long To { get; init; }

    /// <summary>Hash of block From − 1 as the node sees it now (null at the start block): must match what we stored.</summary>
    public required Hash32? ParentHash { get; init; }

    /// <summary>Header of <see cref="To"/>: the checkpoint after this range.</summary>
    public required Block Last { get; init; }

    public required IReadOnlyList<IndexedLog> Logs { get; init; }

    /// <summary>Headers of the blocks that carried logs (kept in event_blocks on L1).</summary>
    public required IReadOnlyList<Block> LogBlocks { get; init; }

    /// <summary>Every L2 block of the range with its fees (L2 only).</summary>
    public IReadOnlyList<L2Block> L2Blocks { get; init; } = [];

    public IReadOnlyList<RewardBatchCall> BatchCalls { get; init; } = [];

    public IReadOnlyList<RecommitReadback> Readbacks { get; init; } = [];

    public IReadOnlyList<PoolDiscovery> NewPools { get; init; } = [];

    public long BlockCount => To - From + 1;
}
