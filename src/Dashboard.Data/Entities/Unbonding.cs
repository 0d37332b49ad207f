using System.Numerics;
using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>An unbonding (or reward-claim) entry of a pool, withdrawable from a given time.</summary>
public sealed class Unbonding
{
    public Address Pool { get; set; }

    public Address Delegator { get; set; }

    public long Nonce { get; set; }

    public BigInteger Amount { get; set; }

    public bool IsReward { get; set; }

    public long CreatedBlock { get; set; }

    public DateTimeOffset CreatedTime { get; set; }

    public DateTimeOffset WithdrawableAt { get; set; }

    public long? WithdrawnBlock { get; set; }

    public DateTimeOffset? WithdrawnTime { get; set; }
}
