using System.Globalization;
using Dashboard.Core.Formatting;

namespace Dashboard.Core.Tests;

public sealed class CommissionRateTests
{
    [Theory]
    [InlineData(".", "12.5", 1250)]
    [InlineData(",", "12,5 %", 1250)]
    [InlineData(".", "0", 0)]
    [InlineData(".", "100", 10_000)]
    [InlineData(".", "0.01", 1)]
    public void Percent_typed_becomes_basis_points(string separator, string text, int bps)
    {
        Assert.True(CommissionRate.TryParse(text, MetisAmount.Separators(separator, separator == "." ? "," : "."), out var value, out var error), error);
        Assert.Equal(bps, value);
    }

    [Theory]
    [InlineData("101", "at most 100 %")]
    [InlineData("1.005", "at most two decimals")]
    [InlineData("1,5", "not a percentage")]
    [InlineData("", "in percent")]
    [InlineData("-3", "not a percentage")]
    public void A_rate_that_is_not_one_is_explained(string text, string reason)
    {
        Assert.False(CommissionRate.TryParse(text, NumberFormatInfo.InvariantInfo, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Basis_points_are_shown_in_percent() => Assert.Equal("12.5 %", CommissionRate.Format(1250));
}
