using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>Undelegates METIS, burning at most maxShares shares; opens an unbonding entry.</summary>
[Function("undelegate")]
public sealed class UndelegateFunction : FunctionMessage
{
    [Parameter("uint256", "amount", 1)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "maxShares", 2)]
    public BigInteger MaxShares { get; set; }
}
