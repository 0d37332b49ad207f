using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Delegation;

/// <summary>The pool registered its sequencer in LockingPool with the operator's self-stake. (DelegationPool, L1)</summary>
[Event("SequencerInitialized")]
public sealed class SequencerInitializedEvent : IEventDTO
{
    [Parameter("uint256", "seqId", 1, indexed: true)]
    public BigInteger SequencerId { get; set; }

    [Parameter("address", "signer", 2)]
    public string Signer { get; set; } = "";

    [Parameter("uint256", "selfStake", 3)]
    public BigInteger SelfStake { get; set; }
}
