using System.Numerics;

namespace Dashboard.Core.Api;

/// <summary>How concentrated one amount is among its holders (see the methodology page, and <c>Concentration</c>).</summary>
public sealed record ConcentrationFigures
{
    /// <summary>Holders with more than zero.</summary>
    public required int Holders { get; init; }

    /// <summary>The fewest holders that together hold more than 1/3 (enough to halt a BFT-style set).</summary>
    public required int Nakamoto33 { get; init; }

    /// <summary>The fewest holders that together hold more than 1/2.</summary>
    public required int Nakamoto50 { get; init; }

    /// <summary>Shares, HHI and Gini are rounded to nine decimals.</summary>
    public required double Top1Share { get; init; }

    public required double Top3Share { get; init; }

    /// <summary>Herfindahl–Hirschman index as a fraction (0–1; ×10,000 for the usual points).</summary>
    public required double Hhi { get; init; }

    /// <summary>Gini coefficient (0 = all equal).</summary>
    public required double Gini { get; init; }
}

/// <summary>An operating entity: the sequencers one organisation runs, and its share of stake and blocks.</summary>
public sealed record EntityShare
{
    public required string Entity { get; init; }

    /// <summary>Why these sequencers are one entity: "configured", "liquid-staking" (the metadata list's lst_name), "pool-operator" (one operator's pools) or "sequencer" (on its own).</summary>
    public required string Source { get; init; }

    public required IReadOnlyList<long> Sequencers { get; init; }

    /// <summary>Stake of its active sequencers now (wei).</summary>
    public required BigInteger Stake { get; init; }

    public required double StakeShare { get; init; }

    /// <summary>Blocks its sequencers produced in the window (finalized epochs).</summary>
    public required long Blocks { get; init; }

    public required double BlockShare { get; init; }
}

/// <summary>Epochs a sequencer was picked for against what stake-weighted selection predicts.</summary>
public sealed record SelectionFairness
{
    public required long SequencerId { get; init; }

    public string? SequencerName { get; init; }

    /// <summary>Epochs first committed to it (recommit replacements are not draws).</summary>
    public required long Epochs { get; init; }

    /// <summary>Σ over draws of its stake share among the eligible sequencers at the draw.</summary>
    public required double Expected { get; init; }

    /// <summary>√Σ p(1−p): the spread chance alone gives.</summary>
    public required double StandardDeviation { get; init; }

    /// <summary>(epochs − expected) ÷ standard deviation; null when it cannot vary (never eligible, or always certain).</summary>
    public double? ZScore { get; init; }

    /// <summary>|z| ≤ 1.96: within what chance gives 95 % of the time.</summary>
    public required bool WithinChance { get; init; }
}

/// <summary>Decentralization now and over a window: by entity and by sequencer, for stake and for blocks produced.</summary>
public sealed record DecentralizationReport
{
    /// <summary>"24h", "7d", "30d" or "all": the window of blocks produced and of the selection figures.</summary>
    public required string Window { get; init; }

    public required DateTimeOffset ComputedAt { get; init; }

    public ConcentrationFigures? StakeByEntity { get; init; }

    public ConcentrationFigures? StakeBySequencer { get; init; }

    public ConcentrationFigures? BlocksByEntity { get; init; }

    public ConcentrationFigures? BlocksBySequencer { get; init; }

    public required IReadOnlyList<EntityShare> Entities { get; init; }

    /// <summary>Epoch draws in the window.</summary>
    public required long Draws { get; init; }

    public required IReadOnlyList<SelectionFairness> Selection { get; init; }
}

/// <summary>One UTC day: the concentration of stake at its end and of the blocks produced that day.</summary>
public sealed record DecentralizationDay
{
    public required DateOnly Day { get; init; }

    public ConcentrationFigures? StakeByEntity { get; init; }

    public ConcentrationFigures? StakeBySequencer { get; init; }

    public ConcentrationFigures? BlocksByEntity { get; init; }

    public ConcentrationFigures? BlocksBySequencer { get; init; }
}
