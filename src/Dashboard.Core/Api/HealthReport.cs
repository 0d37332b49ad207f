namespace Dashboard.Core.Api;

/// <summary>The health endpoint's answer: overall state, database reachability, and freshness per chain.</summary>
public sealed record HealthReport
{
    /// <summary>"healthy", "degraded" or "unhealthy".</summary>
    public required string Status { get; init; }

    public required string Network { get; init; }

    public required bool Database { get; init; }

    public required IReadOnlyList<ChainFreshness> Chains { get; init; }

    public required DateTimeOffset CheckedAt { get; init; }
}
