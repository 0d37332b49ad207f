using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Dex;

/// <summary>
/// Uniswap V2's Swap, which every V2-style pool emits (on Metis: Netswap, Hermes, the devnet's SwapPool): who called,
/// the amounts of token0 and token1 in and out, and who received the output. (any pool, L2)
/// </summary>
[Event("Swap")]
public sealed class SwapEvent : IEventDTO
{
    [Parameter("address", "sender", 1, indexed: true)]
    public string Sender { get; set; } = "";

    [Parameter("uint256", "amount0In", 2)]
    public BigInteger Amount0In { get; set; }

    [Parameter("uint256", "amount1In", 3)]
    public BigInteger Amount1In { get; set; }

    [Parameter("uint256", "amount0Out", 4)]
    public BigInteger Amount0Out { get; set; }

    [Parameter("uint256", "amount1Out", 5)]
    public BigInteger Amount1Out { get; set; }

    [Parameter("address", "to", 6, indexed: true)]
    public string To { get; set; } = "";
}
