using System.Numerics;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.LockingInfo;

/// <summary>A sequencer added stake (tokens and/or compounded reward); total is the network-wide totalLocked. (LockingInfo, L1)</summary>
[Event("Relocked")]
public sealed class RelockedEvent
{
    [Parameter("uint256", "sequencerId", 1, indexed: true)]
    public BigInteger SequencerId { get; set; }

    [Parameter("uint256", "amount", 2)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "total", 3)]
    public BigInteger Total { get; set; }
}
