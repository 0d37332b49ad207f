using System.Numerics;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.LockingInfo;

/// <summary>Admin changed the minimum lock per sequencer. (LockingInfo, L1)</summary>
[Event("SetMinLock")]
public sealed class SetMinLockEvent
{
    [Parameter("uint256", "_newMinLock", 1)]
    public BigInteger NewMinLock { get; set; }
}
