using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>Announces a new commission rate (operator only); it takes effect after the notice period.</summary>
[Function("proposeCommissionRate")]
public sealed class ProposeCommissionRateFunction : FunctionMessage
{
    [Parameter("uint256", "newRate", 1)]
    public BigInteger NewRate { get; set; }
}
