using System.Numerics;

namespace Dashboard.Ethereum.Rpc;

/// <summary>
/// What a transaction paid, from its receipt: gas used, the price actually paid when the node reports it
/// (<c>effectiveGasPrice</c>; Metis' l2geth does not), and the L1 data fee of Optimism-derived L2s such as Metis.
/// </summary>
public readonly record struct ReceiptGas(Hash32 TransactionHash, long BlockNumber, Hash32 BlockHash, long GasUsed, BigInteger? EffectiveGasPrice, BigInteger? L1Fee);
