using System.Numerics;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Delegation;

/// <summary>The pool withdrew principal from LockingPool to fund queued withdrawals. (DelegationPool, L1)</summary>
[Event("WithdrawalsPulled")]
public sealed class WithdrawalsPulledEvent
{
    [Parameter("uint256", "amount", 1)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "cumulativePulled", 2)]
    public BigInteger CumulativePulled { get; set; }
}
