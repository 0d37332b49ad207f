using System.Numerics;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Api;
using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>Current state of one sequencer, projected from L1 events.</summary>
public sealed class SequencerRow
{
    public long Id { get; set; }

    public Address Signer { get; set; }

    public Address? Owner { get; set; }

    public Address? RewardRecipient { get; set; }

    /// <summary>The delegation pool that owns it, when it is one of ours.</summary>
    public Address? Pool { get; set; }

    public byte[] SignerPubkey { get; set; } = [];

    public SequencerStatus Status { get; set; }

    public BigInteger Locked { get; set; }

    public long ActivationBatch { get; set; }

    public long Nonce { get; set; }

    public long LockedAtBlock { get; set; }

    public DateTimeOffset LockedAt { get; set; }

    public long UpdatedAtBlock { get; set; }

    public long? DeactivationBatch { get; set; }

    public DateTimeOffset? DeactivationTime { get; set; }

    public DateTimeOffset? UnlockClaimTime { get; set; }

    public DateTimeOffset? ExitedAt { get; set; }

    /// <summary>Credited by reward batches.</summary>
    public BigInteger AccruedReward { get; set; }

    /// <summary>Paid out to the L2 recipient (withdrawRewards, unlock, unlockClaim).</summary>
    public BigInteger ClaimedReward { get; set; }

    /// <summary>Turned into stake by relock with lockReward.</summary>
    public BigInteger CompoundedReward { get; set; }

    public int SignerChanges { get; set; }

    public BigInteger PendingReward => AccruedReward - ClaimedReward - CompoundedReward;
}
