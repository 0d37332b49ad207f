using System.Numerics;

namespace Dashboard.Ethereum.Rpc;

/// <summary>
/// A transaction receipt. <see cref="L1Fee"/> is present on Optimism-derived L2s (Metis included),
/// where each transaction also pays for its L1 data.
/// </summary>
public sealed record TransactionReceipt
{
    public required Hash32 TransactionHash { get; init; }

    public required long BlockNumber { get; init; }

    public required Hash32 BlockHash { get; init; }

    public required Address From { get; init; }

    public Address? To { get; init; }

    public Address? ContractAddress { get; init; }

    public required bool Succeeded { get; init; }

    public required long GasUsed { get; init; }

    public BigInteger? EffectiveGasPrice { get; init; }

    public BigInteger? L1Fee { get; init; }

    public required IReadOnlyList<Log> Logs { get; init; }
}
