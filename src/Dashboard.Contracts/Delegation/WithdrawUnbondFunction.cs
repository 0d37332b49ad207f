using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>Pays out an unbonding (or reward) entry once it is mature and funded.</summary>
[Function("withdraw")]
public sealed class WithdrawUnbondFunction : FunctionMessage
{
    [Parameter("uint256", "nonce", 1)]
    public BigInteger Entry { get; set; }
}
