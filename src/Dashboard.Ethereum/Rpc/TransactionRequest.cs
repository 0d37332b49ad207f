using System.Numerics;

namespace Dashboard.Ethereum.Rpc;

/// <summary>The call object for <c>eth_call</c>, <c>eth_estimateGas</c> and <c>eth_sendTransaction</c>.</summary>
public sealed record TransactionRequest
{
    public Address? From { get; init; }

    public Address? To { get; init; }

    public byte[]? Data { get; init; }

    public BigInteger? Value { get; init; }

    public long? Gas { get; init; }

    /// <summary>Legacy gas price; null lets the node choose.</summary>
    public BigInteger? GasPrice { get; init; }
}
