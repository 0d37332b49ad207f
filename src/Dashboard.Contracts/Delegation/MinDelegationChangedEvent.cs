using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Delegation;

/// <summary>The smallest accepted delegation changed. (DelegationPool, L1)</summary>
[Event("MinDelegationChanged")]
public sealed class MinDelegationChangedEvent : IEventDTO
{
    [Parameter("uint256", "minDelegation", 1)]
    public BigInteger MinDelegation { get; set; }
}
