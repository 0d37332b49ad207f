using System.Numerics;

namespace Dashboard.Ethereum.Rpc;

/// <summary>
/// A block header with its transaction hashes, as <c>eth_getBlockByNumber</c> returns it; asked with full transactions,
/// also what each transaction offered to pay and, on Metis, the sequencer's signature over it.
/// </summary>
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

    /// <summary>The transactions, when the block was asked for with them (<c>eth_getBlockByNumber(n, true)</c>); else empty.</summary>
    public IReadOnlyList<BlockTransaction> Transactions { get; init; } = [];

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(Timestamp);
}

/// <summary>
/// A transaction as a full block lists it, with what the indexer needs of it: the gas price it offered (the price paid
/// on nodes whose receipts lack <c>effectiveGasPrice</c>, such as Metis' l2geth, where transactions are legacy) and the
/// sequencer's signature over its hash (<c>seqR</c>/<c>seqS</c>/<c>seqV</c> on Metis; absent or zero elsewhere and on
/// deposits from L1), who sent it and to what (the order a sequencer gave its block: whose transactions came first,
/// whether they were ordered by the fee they offered).
/// </summary>
public sealed record BlockTransaction(Hash32 Hash, BigInteger? GasPrice, SequencerSignature? SequencerSignature, Address From, Address? To);

/// <summary>Metis' sequencer signature over a transaction hash: recovering it names the sequencer that produced the block.</summary>
public readonly record struct SequencerSignature(BigInteger R, BigInteger S, int V);
