using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>A sequencer owner found to be one of our delegation pools.</summary>
public sealed class PoolDiscovery
{
    public Address Address { get; set; }

    public long SequencerId { get; set; }

    public long BlockNumber { get; set; }

    public Address Operator { get; set; }

    public int CommissionBps { get; set; }

    public long UnbondingDelaySeconds { get; set; }
}
