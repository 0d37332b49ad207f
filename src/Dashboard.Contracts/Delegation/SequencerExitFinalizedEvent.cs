using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Delegation;

/// <summary>The pool's sequencer finished its exit and the principal came back to the pool. (DelegationPool, L1)</summary>
[Event("SequencerExitFinalized")]
public sealed class SequencerExitFinalizedEvent : IEventDTO
{
    [Parameter("uint256", "seqId", 1, indexed: true)]
    public BigInteger SequencerId { get; set; }

    [Parameter("uint256", "amountReturned", 2)]
    public BigInteger AmountReturned { get; set; }
}
