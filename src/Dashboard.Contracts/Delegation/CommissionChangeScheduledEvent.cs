using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Delegation;

/// <summary>The operator announced a commission change and when it takes effect. (DelegationPool, L1)</summary>
[Event("CommissionChangeScheduled")]
public sealed class CommissionChangeScheduledEvent : IEventDTO
{
    [Parameter("uint256", "newCommissionRate", 1)]
    public BigInteger NewCommissionRate { get; set; }

    [Parameter("uint256", "effectiveAt", 2)]
    public BigInteger EffectiveAt { get; set; }
}
