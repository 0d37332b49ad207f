using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.LockingPool;

/// <summary>A sequencer's owner was set (at lock time) or changed. (LockingPool, L1)</summary>
[Event("SequencerOwnerChanged")]
public sealed class SequencerOwnerChangedEvent
{
    [Parameter("uint256", "_seqId", 1)]
    public BigInteger SequencerId { get; set; }

    [Parameter("address", "_owner", 2)]
    public Address Owner { get; set; }
}
