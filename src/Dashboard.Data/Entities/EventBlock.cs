using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>A block header we keep because it carried our events or is a checkpoint (timestamps, reorg checks).</summary>
public sealed class EventBlock
{
    public long ChainId { get; set; }

    public long Number { get; set; }

    public Hash32 Hash { get; set; }

    public Hash32 ParentHash { get; set; }

    public DateTimeOffset Time { get; set; }
}
