using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Changes where the sequencer's rewards are paid on L2 (caller = owner).</summary>
[Function("setSequencerRewardRecipient")]
public sealed class SetSequencerRewardRecipientFunction : FunctionMessage
{
    [Parameter("uint256", "seqId", 1)]
    public BigInteger SequencerId { get; set; }

    [Parameter("address", "recipient", 2)]
    public string Recipient { get; set; } = "";
}
