using System.Numerics;
using Dashboard.Core.Contracts.LockingPool;
using Dashboard.Ethereum;

namespace Dashboard.Core.Api;

/// <summary>One row of the sequencers list.</summary>
public sealed record SequencerSummary
{
    /// <summary>LockingPool sequencer id (starts at 1).</summary>
    public required long Id { get; init; }

    /// <summary>The key that signs L2 blocks.</summary>
    public required Address Signer { get; init; }

    /// <summary>The account that controls the stake (an EOA or a delegation pool).</summary>
    public Address? Owner { get; init; }

    /// <summary>Where rewards are paid on L2.</summary>
    public Address? RewardRecipient { get; init; }

    public required SequencerStatus Status { get; init; }

    /// <summary>Currently locked stake, in wei (decimal string in JSON).</summary>
    public required BigInteger Locked { get; init; }

    /// <summary>The reward batch from which the sequencer counts as active.</summary>
    public required long ActivationBatch { get; init; }

    /// <summary>L1 block and time of the first lock.</summary>
    public required long LockedAtBlock { get; init; }

    public required DateTimeOffset LockedAt { get; init; }
}
