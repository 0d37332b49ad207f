using System.Numerics;
using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>Rewards paid out to a sequencer's L2 recipient.</summary>
public sealed class RewardClaim
{
    public long BlockNumber { get; set; }

    public int LogIndex { get; set; }

    public long SequencerId { get; set; }

    public Address Recipient { get; set; }

    public BigInteger Amount { get; set; }

    public DateTimeOffset Time { get; set; }

    public Hash32 TxHash { get; set; }
}
