using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingInfo;

/// <summary>Admin changed the minimum lock per sequencer. (LockingInfo, L1)</summary>
[Event("SetMinLock")]
public sealed class SetMinLockEvent : IEventDTO
{
    [Parameter("uint256", "_newMinLock", 1)]
    public BigInteger NewMinLock { get; set; }
}
