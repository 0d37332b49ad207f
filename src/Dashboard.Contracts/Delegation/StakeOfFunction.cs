using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>A delegator's stake in the pool, in METIS at the current exchange rate.</summary>
[Function("stakeOf", "uint256")]
public sealed class StakeOfFunction : FunctionMessage
{
    [Parameter("address", "delegator", 1)]
    public string Delegator { get; set; } = "";
}
