using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.LockingPool;

/// <summary>Changes where the sequencer's rewards are paid on L2 (caller = owner).</summary>
[Function("setSequencerRewardRecipient")]
public sealed class SetSequencerRewardRecipientFunction
{
    [Parameter("uint256", "seqId", 1)]
    public BigInteger SequencerId { get; set; }

    [Parameter("address", "recipient", 2)]
    public Address Recipient { get; set; }
}
