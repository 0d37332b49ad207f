using System.Numerics;
using Dashboard.Core.Analytics;

namespace Dashboard.Core.Tests;

public sealed class ConcentrationTests
{
    [Fact]
    public void Four_equal_holders_need_two_to_pass_a_third_and_three_to_pass_half()
    {
        var figures = Concentration.Measure([1, 1, 1, 1])!;
        Assert.Equal((4, 2, 3), (figures.Holders, figures.Nakamoto33, figures.Nakamoto50));
        Assert.Equal((0.25, 0.75, 0.25, 0.0), (figures.Top1Share, figures.Top3Share, figures.Hhi, figures.Gini));
    }

    [Fact]
    public void Exactly_a_third_or_exactly_half_is_not_more_than_it()
    {
        Assert.Equal((2, 2), (Concentration.Measure([1, 1, 1])!.Nakamoto33, Concentration.Measure([1, 1, 1])!.Nakamoto50));
        Assert.Equal((1, 2), (Concentration.Measure([5, 3, 2])!.Nakamoto33, Concentration.Measure([5, 3, 2])!.Nakamoto50));
    }

    [Fact]
    public void Gini_and_hhi_of_an_uneven_set_are_the_textbook_values()
    {
        // Pairs differ by 2, 3 and 1: Σ|xi − xj| over ordered pairs = 12; 12 ÷ (2 · 3² · 10/3) = 0.2. HHI = .25 + .09 + .04.
        var figures = Concentration.Measure([2, 5, 3])!;
        Assert.Equal(0.2, figures.Gini, 12);
        Assert.Equal(0.38, figures.Hhi, 12);
        Assert.Equal(0.5, figures.Top1Share, 12);
    }

    [Fact]
    public void Wei_sized_stakes_keep_their_shares_and_zeros_are_not_holders()
    {
        var figures = Concentration.Measure([BigInteger.Pow(10, 27), 2 * BigInteger.Pow(10, 27), 0])!;
        Assert.Equal(2, figures.Holders);
        Assert.Equal(0.666666667, figures.Top1Share); // nine decimals
        Assert.Equal(0.555555556, figures.Hhi);
        Assert.Equal(1, figures.Nakamoto50);
    }

    [Fact]
    public void No_holder_has_no_figures() => Assert.Null(Concentration.Measure([0, 0]));
}
