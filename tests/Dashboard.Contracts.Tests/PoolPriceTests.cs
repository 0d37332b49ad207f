using System.Numerics;
using Dashboard.Contracts.Prices;
using Dashboard.Ethereum;

namespace Dashboard.Contracts.Tests;

/// <summary>The METIS price from a Uniswap V3 pool's sqrtPriceX96, with METIS on either side of the pair.</summary>
public sealed class PoolPriceTests
{
    private static readonly Address Low = Address.Parse("0x1000000000000000000000000000000000000001");
    private static readonly Address High = Address.Parse("0x9000000000000000000000000000000000000009");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_price_set_from_eth_per_metis_reads_back_and_values_eth_in_metis(bool metisIsToken0)
    {
        var (metis, weth) = metisIsToken0 ? (Low, High) : (High, Low);
        var price = new PoolPrice(Low, 3000, PoolPrice.SqrtPriceFor(0.006m, metis, weth), metisIsToken0);
        Assert.Equal(0.006, price.EthPerMetis, 12);
        // 0.0002 ETH is worth 1/30 METIS at 0.006 ETH a METIS.
        var worth = price.MetisFor(BigInteger.Parse("200000000000000"));
        var expected = BigInteger.Pow(10, 18) / 30;
        Assert.True(BigInteger.Abs(worth - expected) < 1_000_000, $"{worth} against {expected}");
    }

    [Fact]
    public void The_mainnet_order_puts_metis_before_weth()
    {
        // Uniswap sorts a pair by address: on mainnet METIS (0x9e32…) is token0 and WETH (0xc02a…) token1.
        Assert.True(Address.Parse("0x9E32b13ce7f2E80A01932B42553652E053D6ed8e").CompareTo(Address.Parse("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2")) < 0);
    }
}
