using System.Numerics;
using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>One change of a sequencer's lock.</summary>
public sealed class StakeEvent
{
    public long BlockNumber { get; set; }

    public int LogIndex { get; set; }

    public long SequencerId { get; set; }

    public DateTimeOffset Time { get; set; }

    public Hash32 TxHash { get; set; }

    public string Kind { get; set; } = "";

    public BigInteger Amount { get; set; }

    public BigInteger LockedAfter { get; set; }

    public BigInteger? TotalLocked { get; set; }

    public BigInteger FromReward { get; set; }
}
