using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingPool;

/// <summary>The exit delay changed (the misspelled name is the real event's). (LockingPool, L1)</summary>
[Event("WithrawDelayTimeChange")]
public sealed class WithrawDelayTimeChangeEvent : IEventDTO
{
    [Parameter("uint256", "_cur", 1)]
    public BigInteger Cur { get; set; }

    [Parameter("uint256", "_prev", 2)]
    public BigInteger Prev { get; set; }
}
