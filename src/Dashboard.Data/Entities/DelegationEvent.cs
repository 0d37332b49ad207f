using System.Numerics;
using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>One delegator action in a pool.</summary>
public sealed class DelegationEvent
{
    public long BlockNumber { get; set; }

    public int LogIndex { get; set; }

    public Address Pool { get; set; }

    public Address Delegator { get; set; }

    public string Kind { get; set; } = "";

    public BigInteger Amount { get; set; }

    public BigInteger? Shares { get; set; }

    public long? Nonce { get; set; }

    public DateTimeOffset Time { get; set; }

    public Hash32 TxHash { get; set; }
}
