using System.Numerics;
using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>One delegator's position in one pool.</summary>
public sealed class Delegation
{
    public Address Pool { get; set; }

    public Address Delegator { get; set; }

    public BigInteger Shares { get; set; }

    public BigInteger Delegated { get; set; }

    public BigInteger Undelegated { get; set; }

    public BigInteger RewardsClaimed { get; set; }

    public BigInteger Restaked { get; set; }

    public long FirstBlock { get; set; }

    public long LastBlock { get; set; }
}
