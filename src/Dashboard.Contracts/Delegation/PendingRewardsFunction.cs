using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>A delegator's rewards not yet claimed.</summary>
[Function("pendingRewards", "uint256")]
public sealed class PendingRewardsFunction : FunctionMessage
{
    [Parameter("address", "delegator", 1)]
    public string Delegator { get; set; } = "";
}
