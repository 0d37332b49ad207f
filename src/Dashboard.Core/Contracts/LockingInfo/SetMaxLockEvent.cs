using System.Numerics;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.LockingInfo;

/// <summary>Admin changed the maximum lock per sequencer. (LockingInfo, L1)</summary>
[Event("SetMaxLock")]
public sealed class SetMaxLockEvent
{
    [Parameter("uint256", "_newMaxLock", 1)]
    public BigInteger NewMaxLock { get; set; }
}
