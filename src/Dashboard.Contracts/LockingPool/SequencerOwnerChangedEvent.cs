using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingPool;

/// <summary>A sequencer's owner was set (at lock time) or changed. (LockingPool, L1)</summary>
[Event("SequencerOwnerChanged")]
public sealed class SequencerOwnerChangedEvent : IEventDTO
{
    [Parameter("uint256", "_seqId", 1)]
    public BigInteger SequencerId { get; set; }

    [Parameter("address", "_owner", 2)]
    public string Owner { get; set; } = "";
}
