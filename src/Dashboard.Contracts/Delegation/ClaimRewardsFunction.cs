using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>Claims all accrued rewards (paid at once, or queued as an entry without delay).</summary>
[Function("claimRewards")]
public sealed class ClaimRewardsFunction : FunctionMessage
{
}
