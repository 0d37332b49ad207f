using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.LockingInfo;

/// <summary>A sequencer finished its exit and took its principal back; total is the network-wide totalLocked. (LockingInfo, L1)</summary>
[Event("Unlocked")]
public sealed class UnlockedEvent
{
    [Parameter("address", "user", 1, indexed: true)]
    public Address User { get; set; }

    [Parameter("uint256", "sequencerId", 2, indexed: true)]
    public BigInteger SequencerId { get; set; }

    [Parameter("uint256", "amount", 3)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "total", 4)]
    public BigInteger Total { get; set; }
}
