using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingInfo;

/// <summary>Admin changed the maximum lock per sequencer. (LockingInfo, L1)</summary>
[Event("SetMaxLock")]
public sealed class SetMaxLockEvent : IEventDTO
{
    [Parameter("uint256", "_newMaxLock", 1)]
    public BigInteger NewMaxLock { get; set; }
}
