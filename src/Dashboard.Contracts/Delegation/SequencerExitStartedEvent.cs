using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Delegation;

/// <summary>The pool's sequencer started its exit. (DelegationPool, L1)</summary>
[Event("SequencerExitStarted")]
public sealed class SequencerExitStartedEvent : IEventDTO
{
    [Parameter("uint256", "seqId", 1, indexed: true)]
    public BigInteger SequencerId { get; set; }

    [Parameter("uint256", "unlockClaimTime", 2)]
    public BigInteger UnlockClaimTime { get; set; }
}
