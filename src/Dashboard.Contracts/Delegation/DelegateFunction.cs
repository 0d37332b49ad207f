using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>Delegates METIS (approved to the pool) and mints at least minShares shares.</summary>
[Function("delegate")]
public sealed class DelegateFunction : FunctionMessage
{
    [Parameter("uint256", "amount", 1)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "minShares", 2)]
    public BigInteger MinShares { get; set; }
}
