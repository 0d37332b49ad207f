using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingPool;

/// <summary>LockingPool's Sequencer struct, field by field, as <see cref="SequencersFunction"/> answers it.</summary>
[FunctionOutput]
public sealed class SequencerOutput : IFunctionOutputDTO
{
    /// <summary>Currently locked, in wei.</summary>
    [Parameter("uint256", "amount", 1)]
    public BigInteger Amount { get; set; }

    /// <summary>Accrued and not yet paid out, in wei.</summary>
    [Parameter("uint256", "reward", 2)]
    public BigInteger Reward { get; set; }

    [Parameter("uint256", "activationBatch", 3)]
    public BigInteger ActivationBatch { get; set; }

    /// <summary>The batch of the last signer update or partial withdraw.</summary>
    [Parameter("uint256", "updatedBatch", 4)]
    public BigInteger UpdatedBatch { get; set; }

    [Parameter("uint256", "deactivationBatch", 5)]
    public BigInteger DeactivationBatch { get; set; }

    [Parameter("uint256", "deactivationTime", 6)]
    public BigInteger DeactivationTime { get; set; }

    /// <summary>Unix seconds from which the stake can be claimed after an unlock (0 before).</summary>
    [Parameter("uint256", "unlockClaimTime", 7)]
    public BigInteger UnlockClaimTime { get; set; }

    [Parameter("uint256", "nonce", 8)]
    public BigInteger Nonce { get; set; }

    [Parameter("address", "owner", 9)]
    public string Owner { get; set; } = "";

    [Parameter("address", "signer", 10)]
    public string Signer { get; set; } = "";

    /// <summary>The signer's 64-byte uncompressed public key (no 04 prefix).</summary>
    [Parameter("bytes", "pubkey", 11)]
    public byte[] Pubkey { get; set; } = [];

    [Parameter("address", "rewardRecipient", 12)]
    public string RewardRecipient { get; set; } = "";

    /// <summary>0 unavailable, 1 inactive, 2 active, 3 unlocked.</summary>
    [Parameter("uint8", "status", 13)]
    public int Status { get; set; }
}
