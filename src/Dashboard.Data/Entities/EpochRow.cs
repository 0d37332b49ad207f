using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>An epoch of the L2 schedule as it finally stood.</summary>
public sealed class EpochRow
{
    public long Id { get; set; }

    public Address Signer { get; set; }

    public long StartBlock { get; set; }

    public long EndBlock { get; set; }

    public long AssignedEndBlock { get; set; }

    public Address OriginalSigner { get; set; }

    public long CommittedBlock { get; set; }

    public DateTimeOffset CommittedTime { get; set; }

    public bool Recommitted { get; set; }

    public long? CutAtBlock { get; set; }
}
