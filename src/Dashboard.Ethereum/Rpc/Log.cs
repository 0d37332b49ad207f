namespace Dashboard.Ethereum.Rpc;

/// <summary>A log entry as <c>eth_getLogs</c> and receipts return it.</summary>
public sealed record Log
{
    public required Address Address { get; init; }

    public required IReadOnlyList<Hash32> Topics { get; init; }

    public required byte[] Data { get; init; }

    public required long BlockNumber { get; init; }

    public required Hash32 BlockHash { get; init; }

    public required Hash32 TransactionHash { get; init; }

    public required int TransactionIndex { get; init; }

    public required int LogIndex { get; init; }

    public bool Removed { get; init; }
}
