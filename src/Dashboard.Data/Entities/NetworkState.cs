using System.Numerics;
using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>Current network-wide parameters and totals (a single row).</summary>
public sealed class NetworkState
{
    public int Id { get; set; }

    public BigInteger TotalLocked { get; set; }

    public long CurrentBatch { get; set; }

    public BigInteger? RewardPerBlock { get; set; }

    public BigInteger? MinLock { get; set; }

    public BigInteger? MaxLock { get; set; }

    public long? ExitDelaySeconds { get; set; }

    public bool Paused { get; set; }

    public Address? Mpc { get; set; }

    public long? EpochLength { get; set; }

    public Address? L2Mpc { get; set; }
}
