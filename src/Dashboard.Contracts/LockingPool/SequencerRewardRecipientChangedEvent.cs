using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Where a sequencer's rewards are paid on L2 was set or changed. (LockingPool, L1)</summary>
[Event("SequencerRewardRecipientChanged")]
public sealed class SequencerRewardRecipientChangedEvent : IEventDTO
{
    [Parameter("uint256", "_seqId", 1)]
    public BigInteger SequencerId { get; set; }

    [Parameter("address", "_recipient", 2)]
    public string Recipient { get; set; } = "";
}
