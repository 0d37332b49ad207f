using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Takes part of the lock back at once (remaining ≥ minLock, once per reward batch; caller = owner).</summary>
[Function("withdraw")]
public sealed class WithdrawStakeFunction : FunctionMessage
{
    [Parameter("uint256", "seqId", 1)]
    public BigInteger SequencerId { get; set; }

    [Parameter("uint256", "amount", 2)]
    public BigInteger Amount { get; set; }
}
