using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>One unbonding entry of a delegator in a pool; answers <see cref="UnbondStatusOutput"/>.</summary>
[Function("unbondStatus", typeof(UnbondStatusOutput))]
public sealed class UnbondStatusFunction : FunctionMessage
{
    [Parameter("address", "user", 1)]
    public string User { get; set; } = "";

    [Parameter("uint256", "nonce", 2)]
    public BigInteger Entry { get; set; }
}
