using System.Numerics;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Delegation;

/// <summary>The operator withdrew an announced commission change. (DelegationPool, L1)</summary>
[Event("CommissionChangeCancelled")]
public sealed class CommissionChangeCancelledEvent
{
    [Parameter("uint256", "cancelledRate", 1)]
    public BigInteger CancelledRate { get; set; }
}
