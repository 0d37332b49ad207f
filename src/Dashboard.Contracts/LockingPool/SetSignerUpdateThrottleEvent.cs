using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Admin changed how many batches must pass between two signer updates. (LockingPool, L1)</summary>
[Event("SetSignerUpdateThrottle")]
public sealed class SetSignerUpdateThrottleEvent : IEventDTO
{
    [Parameter("uint256", "_n", 1)]
    public BigInteger N { get; set; }
}
