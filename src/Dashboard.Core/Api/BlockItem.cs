using System.Numerics;
using Dashboard.Ethereum;

namespace Dashboard.Core.Api;

/// <summary>An L2 block with its fees and the sequencer of its epoch.</summary>
public sealed record BlockItem
{
    public required long Number { get; init; }

    public required Hash32 Hash { get; init; }

    public required Hash32 ParentHash { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required long GasUsed { get; init; }

    public required int TxCount { get; init; }

    public required BigInteger Fees { get; init; }

    public long? EpochId { get; init; }

    public Address? Signer { get; init; }

    public long? SequencerId { get; init; }

    public string? SequencerName { get; init; }

    /// <summary>At or below head − confirmations: will not change.</summary>
    public required bool Final { get; init; }
}
