using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingInfo;

/// <summary>A sequencer finished its exit and took its principal back; total is the network-wide totalLocked. (LockingInfo, L1)</summary>
[Event("Unlocked")]
public sealed class UnlockedEvent : IEventDTO
{
    [Parameter("address", "user", 1, indexed: true)]
    public string User { get; set; } = "";

    [Parameter("uint256", "sequencerId", 2, indexed: true)]
    public BigInteger SequencerId { get; set; }

    [Parameter("uint256", "amount", 3)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "total", 4)]
    public BigInteger Total { get; set; }
}
