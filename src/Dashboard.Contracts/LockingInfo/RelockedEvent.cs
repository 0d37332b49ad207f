using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingInfo;

/// <summary>A sequencer added stake (tokens and/or compounded reward); total is the network-wide totalLocked. (LockingInfo, L1)</summary>
[Event("Relocked")]
public sealed class RelockedEvent : IEventDTO
{
    [Parameter("uint256", "sequencerId", 1, indexed: true)]
    public BigInteger SequencerId { get; set; }

    [Parameter("uint256", "amount", 2)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "total", 3)]
    public BigInteger Total { get; set; }
}
