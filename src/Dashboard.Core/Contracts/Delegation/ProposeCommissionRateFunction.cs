using System.Numerics;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Delegation;

/// <summary>Announces a new commission rate (operator only); it takes effect after the notice period.</summary>
[Function("proposeCommissionRate")]
public sealed class ProposeCommissionRateFunction
{
    [Parameter("uint256", "newRate", 1)]
    public BigInteger NewRate { get; set; }
}
