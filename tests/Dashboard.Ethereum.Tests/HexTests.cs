using System.Numerics;

namespace Dashboard.Ethereum.Tests;

public class HexTests
{
    [Theory]
    [InlineData(0UL, "0x0")]
    [InlineData(1UL, "0x1")]
    [InlineData(0x400UL, "0x400")]
    [InlineData(ulong.MaxValue, "0xffffffffffffffff")]
    public void Quantity_has_no_leading_zeros(ulong value, string expected)
    {
        Assert.Equal(expected, Hex.Quantity(value));
        Assert.Equal(expected, Hex.Quantity(new BigInteger(value)));
        Assert.Equal(value, Hex.ParseQuantity(expected));
    }

    [Fact]
    public void ParseBigQuantity_reads_values_with_the_top_bit_set_as_positive()
    {
        var max = Hex.ParseBigQuantity("0x" + new string('f', 64));
        Assert.Equal((BigInteger.One << 256) - 1, max);
    }

    [Theory]
    [InlineData("0x")]
    [InlineData("0xzz")]
    public void ParseQuantity_rejects_non_numbers(string text) => Assert.Throws<FormatException>(() => Hex.ParseQuantity(text));

    [Fact]
    public void Decode_rejects_odd_length_and_round_trips_bytes()
    {
        Assert.Throws<FormatException>(() => Hex.Decode("0xabc"));
        Assert.Equal(new byte[] { 0xde, 0xad }, Hex.Decode("0xDEad"));
        Assert.Equal("0xdead", Hex.Encode(new byte[] { 0xde, 0xad }));
    }
}
