using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>The last block of a chain (and stream) whose data is fully in the database.</summary>
public sealed class ChainCheckpoint
{
    public long ChainId { get; set; }

    public string Stream { get; set; } = "";

    public long BlockNumber { get; set; }

    public Hash32 BlockHash { get; set; }

    public DateTimeOffset BlockTime { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
