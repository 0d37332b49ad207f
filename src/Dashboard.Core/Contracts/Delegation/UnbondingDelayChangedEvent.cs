using System.Numerics;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Delegation;

/// <summary>The unbonding delay changed. (DelegationPool, L1)</summary>
[Event("UnbondingDelayChanged")]
public sealed class UnbondingDelayChangedEvent
{
    [Parameter("uint256", "unbondingDelay", 1)]
    public BigInteger UnbondingDelay { get; set; }
}
