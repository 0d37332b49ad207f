using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Delegation;

/// <summary>A commission change took effect (basis points). (DelegationPool, L1)</summary>
[Event("UpdateCommissionRate")]
public sealed class UpdateCommissionRateEvent : IEventDTO
{
    [Parameter("uint256", "newCommissionRate", 1, indexed: true)]
    public BigInteger NewCommissionRate { get; set; }

    [Parameter("uint256", "oldCommissionRate", 2, indexed: true)]
    public BigInteger OldCommissionRate { get; set; }
}
