using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Delegation;

/// <summary>The unbonding delay changed. (DelegationPool, L1)</summary>
[Event("UnbondingDelayChanged")]
public sealed class UnbondingDelayChangedEvent : IEventDTO
{
    [Parameter("uint256", "unbondingDelay", 1)]
    public BigInteger UnbondingDelay { get; set; }
}
