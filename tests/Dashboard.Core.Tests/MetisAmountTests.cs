using System.Numerics;
using Dashboard.Core.Formatting;

namespace Dashboard.Core.Tests;

public class MetisAmountTests
{
    // The separators Chromium's Intl.NumberFormat gives for these locales (the server has no culture data of its own).
    private static System.Globalization.NumberFormatInfo Locale(string culture) => culture switch
    {
        "de-DE" => MetisAmount.Separators(",", "."),
        "fr-FR" => MetisAmount.Separators(",", "\u202f"),
        "de-CH" => MetisAmount.Separators(".", "’"),
        "en-US" => MetisAmount.Separators(".", ","),
        _ => System.Globalization.NumberFormatInfo.InvariantInfo,
    };

    private static BigInteger Wei(string metis) => MetisAmount.TryParse(metis, out var wei, out var error) ? wei : throw new FormatException(error);

    [Theory]
    [InlineData("20000", "20,000 METIS")]
    [InlineData("20000.5", "20,000.5 METIS")]
    [InlineData("0.004", "0 METIS")]
    [InlineData("0.005", "0.01 METIS")]
    [InlineData("1234567.899", "1,234,567.9 METIS")]
    public void Format_groups_and_rounds_half_up(string metis, string expected) => Assert.Equal(expected, MetisAmount.Format(Wei(metis)));

    [Fact]
    public void Exact_keeps_every_wei()
    {
        var wei = MetisAmount.WeiPerMetis * 20_000 + 1;
        Assert.Equal("20000.000000000000000001", MetisAmount.Exact(wei));
        Assert.Equal("-0.5", MetisAmount.Exact(-MetisAmount.WeiPerMetis / 2));
        Assert.Equal("0", MetisAmount.Exact(BigInteger.Zero));
    }

    [Theory]
    [InlineData("1,000.5", "1000500000000000000000")]
    [InlineData(".25", "250000000000000000")]
    [InlineData("7 METIS", "7000000000000000000")]
    [InlineData("0.000000000000000001", "1")]
    public void TryParse_accepts_what_people_type(string text, string wei)
    {
        Assert.True(MetisAmount.TryParse(text, out var value, out _));
        Assert.Equal(BigInteger.Parse(wei, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("de-DE", "1,5", "1500000000000000000")]
    [InlineData("de-DE", "12.000", "12000000000000000000000")]
    [InlineData("de-DE", "1.000,25", "1000250000000000000000")]
    [InlineData("en-US", "1.5", "1500000000000000000")]
    [InlineData("en-US", "12,000", "12000000000000000000000")]
    [InlineData("fr-FR", "1 000,5", "1000500000000000000000")]
    [InlineData("fr-FR", "1\u202f000,5", "1000500000000000000000")]
    [InlineData("de-CH", "1’000.5", "1000500000000000000000")]
    public void TryParse_reads_amounts_as_typed_in_the_visitors_locale(string culture, string text, string wei)
    {
        Assert.True(MetisAmount.TryParse(text, Locale(culture), out var value, out var error), error);
        Assert.Equal(BigInteger.Parse(wei, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("en-US", "1,5", "decimal separator is '.'")]
    [InlineData("invariant", "1,5", "decimal separator is '.'")]
    [InlineData("de-DE", "1.5", "decimal separator is ','")]
    [InlineData("de-DE", "1,5,0", "more than one decimal separator")]
    [InlineData("en-US", "1,00.5", "groups of three")]
    public void TryParse_never_guesses_a_separator_in_the_wrong_role(string culture, string text, string reason)
    {
        // "1,5" must never become 15, nor "1.5" in German.
        Assert.False(MetisAmount.TryParse(text, Locale(culture), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Enter an amount")]
    [InlineData("1.2.3", "not an amount")]
    [InlineData("-5", "not an amount")]
    [InlineData("abc", "not an amount")]
    [InlineData("0.0000000000000000001", "18 decimals")]
    public void TryParse_explains_bad_input(string text, string reason)
    {
        Assert.False(MetisAmount.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void FromMetis_converts_decimal_metis() => Assert.Equal(MetisAmount.WeiPerMetis * 3 / 2, MetisAmount.FromMetis(1.5m));
}
