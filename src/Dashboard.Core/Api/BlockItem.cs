using System.Numerics;

namespace Dashboard.Core.Api;

/// <summary>An L2 block with its fees and the sequencer of its epoch.</summary>
public sealed record BlockItem
{
    public required long Number { get; init; }

    [HashString]
    public required string Hash { get; init; }

    [HashString]
    public required string ParentHash { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required long GasUsed { get; init; }

    public required int TxCount { get; init; }

    public required BigInteger Fees { get; init; }

    public long? EpochId { get; init; }

    [AddressString]
    public string? Signer { get; init; }

    public long? SequencerId { get; init; }

    public string? SequencerName { get; init; }

    /// <summary>At or below head − confirmations: will not change.</summary>
    public required bool Final { get; init; }
}
