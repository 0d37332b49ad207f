using System.Numerics;
using Dashboard.Core.Contracts.LockingPool;
using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>Current state of one sequencer, projected from L1 events.</summary>
public sealed class SequencerRow
{
    public long Id { get; set; }

    public Address Signer { get; set; }

    public Address? Owner { get; set; }

    public Address? RewardRecipient { get; set; }

    public byte[] SignerPubkey { get; set; } = [];

    public SequencerStatus Status { get; set; }

    public BigInteger Locked { get; set; }

    public long ActivationBatch { get; set; }

    public long Nonce { get; set; }

    public long LockedAtBlock { get; set; }

    public DateTimeOffset LockedAt { get; set; }

    public long UpdatedAtBlock { get; set; }
}
