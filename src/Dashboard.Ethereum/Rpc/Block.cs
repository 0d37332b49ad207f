using System.Numerics;

namespace Dashboard.Ethereum.Rpc;

/// <summary>A block header with the transaction hashes (or count) that <c>eth_getBlockByNumber(n, false)</c> returns.</summary>
public sealed record Block
{
    public required long Number { get; init; }

    public required Hash32 Hash { get; init; }

    public required Hash32 ParentHash { get; init; }

    public required long Timestamp { get; init; }

    public required long GasUsed { get; init; }

    public required long GasLimit { get; init; }

    public required Address Miner { get; init; }

    public BigInteger? BaseFeePerGas { get; init; }

    public required IReadOnlyList<Hash32> TransactionHashes { get; init; }

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(Timestamp);
}
