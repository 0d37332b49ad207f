using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.LockingPool;

/// <summary>Where a sequencer's rewards are paid on L2 was set or changed. (LockingPool, L1)</summary>
[Event("SequencerRewardRecipientChanged")]
public sealed class SequencerRewardRecipientChangedEvent
{
    [Parameter("uint256", "_seqId", 1)]
    public BigInteger SequencerId { get; set; }

    [Parameter("address", "_recipient", 2)]
    public Address Recipient { get; set; }
}
