using System.Numerics;
using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>A reward payout arriving on L2: the standard bridge's DepositFinalized for a deposit LockingInfo made on L1.</summary>
public sealed class BridgeArrival
{
    public long BlockNumber { get; set; }

    public int LogIndex { get; set; }

    public Hash32 TxHash { get; set; }

    public DateTimeOffset Time { get; set; }

    /// <summary>The L1 account that deposited (LockingInfo for reward payouts).</summary>
    public Address Sender { get; set; }

    public Address Recipient { get; set; }

    public BigInteger Amount { get; set; }
}
