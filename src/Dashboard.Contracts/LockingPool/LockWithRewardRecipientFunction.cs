using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Locks METIS to become a sequencer, with rewards paid to a chosen L2 address (caller = owner, whitelisted; METIS approved to LockingInfo).</summary>
[Function("lockWithRewardRecipient")]
public sealed class LockWithRewardRecipientFunction : FunctionMessage
{
    [Parameter("address", "signer", 1)]
    public string Signer { get; set; } = "";

    [Parameter("address", "rewardRecipient", 2)]
    public string RewardRecipient { get; set; } = "";

    [Parameter("uint256", "amount", 3)]
    public BigInteger Amount { get; set; }

    [Parameter("bytes", "signerPubkey", 4)]
    public byte[] SignerPubkey { get; set; } = [];
}
