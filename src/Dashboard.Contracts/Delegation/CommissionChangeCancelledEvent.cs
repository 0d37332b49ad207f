using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Delegation;

/// <summary>The operator withdrew an announced commission change. (DelegationPool, L1)</summary>
[Event("CommissionChangeCancelled")]
public sealed class CommissionChangeCancelledEvent : IEventDTO
{
    [Parameter("uint256", "cancelledRate", 1)]
    public BigInteger CancelledRate { get; set; }
}
