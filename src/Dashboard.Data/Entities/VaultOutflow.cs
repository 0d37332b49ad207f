using System.Numerics;
using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>Fees sent out of the fee vault by its manager.</summary>
public sealed class VaultOutflow
{
    public long BlockNumber { get; set; }

    public int LogIndex { get; set; }

    public string Kind { get; set; } = "";

    public Address Recipient { get; set; }

    public BigInteger Amount { get; set; }

    public DateTimeOffset Time { get; set; }
}
