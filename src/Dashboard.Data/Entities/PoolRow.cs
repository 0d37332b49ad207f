using System.Numerics;
using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>A delegation pool and its current terms and totals.</summary>
public sealed class PoolRow
{
    public Address Address { get; set; }

    public long SequencerId { get; set; }

    public Address? Operator { get; set; }

    public int CommissionBps { get; set; }

    public int? PendingCommissionBps { get; set; }

    public DateTimeOffset? CommissionEffectiveAt { get; set; }

    public BigInteger TotalStaked { get; set; }

    public BigInteger TotalShares { get; set; }

    public BigInteger RewardPerShare { get; set; }

    public BigInteger RewardsHarvested { get; set; }

    public BigInteger CommissionEarned { get; set; }

    public long? UnbondingDelaySeconds { get; set; }

    public long CreatedBlock { get; set; }

    public DateTimeOffset CreatedTime { get; set; }
}
