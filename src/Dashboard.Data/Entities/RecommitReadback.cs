using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>The old epoch's cut-down end block, read back from chain for a ReCommitEpoch log.</summary>
public sealed class RecommitReadback
{
    public long ChainId { get; set; }

    public Hash32 BlockHash { get; set; }

    public int LogIndex { get; set; }

    public long OldEpochId { get; set; }

    public long OldEndBlock { get; set; }
}
