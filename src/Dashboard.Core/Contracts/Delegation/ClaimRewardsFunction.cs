using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Delegation;

/// <summary>Claims all accrued rewards (paid at once, or queued as an entry without delay).</summary>
[Function("claimRewards")]
public sealed class ClaimRewardsFunction
{
}
