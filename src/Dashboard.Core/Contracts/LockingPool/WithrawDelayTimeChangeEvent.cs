using System.Numerics;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.LockingPool;

/// <summary>The exit delay changed (the misspelled name is the real event's). (LockingPool, L1)</summary>
[Event("WithrawDelayTimeChange")]
public sealed class WithrawDelayTimeChangeEvent
{
    [Parameter("uint256", "_cur", 1)]
    public BigInteger Cur { get; set; }

    [Parameter("uint256", "_prev", 2)]
    public BigInteger Prev { get; set; }
}
