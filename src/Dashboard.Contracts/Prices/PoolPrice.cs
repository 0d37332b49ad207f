using System.Numerics;
using Dashboard.Ethereum;

namespace Dashboard.Contracts.Prices;

/// <summary>
/// The METIS price in ETH from a Uniswap V3 METIS/WETH pool's slot0: sqrtPriceX96 = sqrt(token1 / token0) × 2^96 in
/// raw units (both tokens have 18 decimals), token0 being the lower address. Conversions are exact integer arithmetic.
/// </summary>
public sealed record PoolPrice(Address Pool, int FeeTier, BigInteger SqrtPriceX96, bool MetisIsToken0)
{
    private static readonly BigInteger Q192 = BigInteger.One << 192;

    private BigInteger PriceX192 => SqrtPriceX96 * SqrtPriceX96;

    /// <summary>METIS (wei) worth <paramref name="ethWei"/> at this price.</summary>
    public BigInteger MetisFor(BigInteger ethWei) => MetisIsToken0 ? ethWei * Q192 / PriceX192 : ethWei * PriceX192 / Q192;

    /// <summary>ETH per METIS, for display.</summary>
    public double EthPerMetis => MetisIsToken0 ? Ratio(PriceX192, Q192) : Ratio(Q192, PriceX192);

    /// <summary>The sqrtPriceX96 a pool of these two tokens shows for <paramref name="ethPerMetis"/> (the devnet sets its pool with it).</summary>
    public static BigInteger SqrtPriceFor(decimal ethPerMetis, Address metis, Address weth)
    {
        // token1/token0 in raw units, as a fraction with 18 decimals of precision, then its square root in Q96.
        var scaled = new BigInteger(ethPerMetis * 1_000_000_000_000_000_000m);
        var one = BigInteger.Pow(10, 18);
        var (numerator, denominator) = metis.CompareTo(weth) < 0 ? (scaled, one) : (one, scaled);
        return Sqrt(numerator * Q192 / denominator);
    }

    private static double Ratio(BigInteger numerator, BigInteger denominator) => Math.Exp(BigInteger.Log(numerator) - BigInteger.Log(denominator));

    private static BigInteger Sqrt(BigInteger n)
    {
        if (n < 2)
        {
            return n;
        }

        // Newton's method from the double's estimate, then a step or two to the exact floor.
        var x = BigInteger.Max(1, (BigInteger)Math.Sqrt((double)n));
        while (true)
        {
            var next = (x + (n / x)) >> 1;
            if (BigInteger.Abs(next - x) <= 1)
            {
                x = next;
                break;
            }

            x = next;
        }

        while (x * x > n)
        {
            x--;
        }

        while ((x + 1) * (x + 1) <= n)
        {
            x++;
        }

        return x;
    }
}
