using System.Numerics;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Delegation;

/// <summary>The operator announced a commission change and when it takes effect. (DelegationPool, L1)</summary>
[Event("CommissionChangeScheduled")]
public sealed class CommissionChangeScheduledEvent
{
    [Parameter("uint256", "newCommissionRate", 1)]
    public BigInteger NewCommissionRate { get; set; }

    [Parameter("uint256", "effectiveAt", 2)]
    public BigInteger EffectiveAt { get; set; }
}
