using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.LockingPool;

/// <summary>Locks METIS to become a sequencer, with rewards paid to a chosen L2 address (caller = owner, whitelisted; METIS approved to LockingInfo).</summary>
[Function("lockWithRewardRecipient")]
public sealed class LockWithRewardRecipientFunction
{
    [Parameter("address", "signer", 1)]
    public Address Signer { get; set; }

    [Parameter("address", "rewardRecipient", 2)]
    public Address RewardRecipient { get; set; }

    [Parameter("uint256", "amount", 3)]
    public BigInteger Amount { get; set; }

    [Parameter("bytes", "signerPubkey", 4)]
    public byte[] SignerPubkey { get; set; } = [];
}
