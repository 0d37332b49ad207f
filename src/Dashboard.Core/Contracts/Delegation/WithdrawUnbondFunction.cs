using System.Numerics;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Delegation;

/// <summary>Pays out an unbonding (or reward) entry once it is mature and funded.</summary>
[Function("withdraw")]
public sealed class WithdrawUnbondFunction
{
    [Parameter("uint256", "nonce", 1)]
    public BigInteger Nonce { get; set; }
}
