using System.Numerics;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Delegation;

/// <summary>The smallest accepted delegation changed. (DelegationPool, L1)</summary>
[Event("MinDelegationChanged")]
public sealed class MinDelegationChangedEvent
{
    [Parameter("uint256", "minDelegation", 1)]
    public BigInteger MinDelegation { get; set; }
}
