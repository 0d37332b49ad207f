using System.Numerics;

namespace Dashboard.Ethereum.Rpc;

/// <summary>A transaction as <c>eth_getTransactionByHash</c> returns it (the fields the dashboard reads).</summary>
public sealed record Transaction
{
    public required Hash32 Hash { get; init; }

    public required Address From { get; init; }

    public Address? To { get; init; }

    public required byte[] Input { get; init; }

    public required BigInteger Value { get; init; }

    public long? BlockNumber { get; init; }

    public Hash32? BlockHash { get; init; }

    public BigInteger? GasPrice { get; init; }

    public required long Nonce { get; init; }
}
