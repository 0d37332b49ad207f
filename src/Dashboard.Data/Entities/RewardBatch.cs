using System.Numerics;
using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>A reward batch the MPC submitted for a range of epochs.</summary>
public sealed class RewardBatch
{
    public long BatchId { get; set; }

    public long StartEpoch { get; set; }

    public long EndEpoch { get; set; }

    public BigInteger Amount { get; set; }

    public BigInteger RewardPerBlock { get; set; }

    public long BlockNumber { get; set; }

    public DateTimeOffset Time { get; set; }

    public Hash32 TxHash { get; set; }
}
