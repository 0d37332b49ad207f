using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Delegation;

/// <summary>The pool withdrew principal from LockingPool to fund queued withdrawals. (DelegationPool, L1)</summary>
[Event("WithdrawalsPulled")]
public sealed class WithdrawalsPulledEvent : IEventDTO
{
    [Parameter("uint256", "amount", 1)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "cumulativePulled", 2)]
    public BigInteger CumulativePulled { get; set; }
}
