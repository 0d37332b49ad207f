using System.Numerics;

namespace Dashboard.Data.Entities;

/// <summary>One day of the network, computed by the stats job.</summary>
public sealed class NetworkDay
{
    public DateOnly Day { get; set; }

    public long Blocks { get; set; }

    public long TxCount { get; set; }

    public BigInteger Fees { get; set; }

    public BigInteger Rewards { get; set; }

    public BigInteger TotalLocked { get; set; }

    public double? BlockTimeSeconds { get; set; }

    public int Incidents { get; set; }
}
