using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>A stretch of downtime counted against a signer.</summary>
public sealed class Incident
{
    public long Id { get; set; }

    public Address Signer { get; set; }

    public long EpochId { get; set; }

    public string Kind { get; set; } = "";

    public long FromBlock { get; set; }

    public long ToBlock { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset EndedAt { get; set; }

    public int DurationSeconds { get; set; }

    public long LostBlocks { get; set; }

    /// <summary>For a wrong-producer incident: who produced the block instead of <see cref="Signer"/>.</summary>
    public Address? Producer { get; set; }
}
