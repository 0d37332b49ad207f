using System.Numerics;
using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>A Uniswap V2-style Swap on L2, of any pool.</summary>
public sealed class Swap
{
    public long BlockNumber { get; set; }

    public int LogIndex { get; set; }

    public Hash32 TxHash { get; set; }

    public Address Pool { get; set; }

    public Address Sender { get; set; }

    /// <summary>Who received the output: the trader, for the sandwich search.</summary>
    public Address Recipient { get; set; }

    public BigInteger Amount0In { get; set; }

    public BigInteger Amount1In { get; set; }

    public BigInteger Amount0Out { get; set; }

    public BigInteger Amount1Out { get; set; }
}
