using System.Numerics;

namespace Dashboard.Data.Entities;

/// <summary>Rolling network figures over one time window.</summary>
public sealed class NetworkStats
{
    public string TimeWindow { get; set; } = "";

    public long Blocks { get; set; }

    public long TxCount { get; set; }

    public BigInteger Fees { get; set; }

    public BigInteger Rewards { get; set; }

    public double? AvgBlockSeconds { get; set; }

    public int Incidents { get; set; }

    public double? Uptime { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}
