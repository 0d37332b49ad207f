using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Admin: sets the exit delay (seconds between unlock and unlock claim).</summary>
[Function("updateWithdrawDelayTimeValue")]
public sealed class UpdateWithdrawDelayTimeValueFunction : FunctionMessage
{
    [Parameter("uint256", "_time", 1)]
    public BigInteger Seconds { get; set; }
}
