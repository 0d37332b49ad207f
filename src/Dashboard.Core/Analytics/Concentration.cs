using System.Numerics;
using Dashboard.Core.Api;

namespace Dashboard.Core.Analytics;

/// <summary>
/// How concentrated an amount (stake, blocks) is among its holders (entities or sequencers). Definitions, as the
/// methodology page states them: shares are each holder's amount over the total of holders with more than zero;
/// the Nakamoto coefficient is the fewest holders whose amounts together exceed the threshold (strictly more than
/// 1/3 or 1/2 of the total, compared exactly); top-N is the share of the N largest; HHI is the sum of squared
/// shares (1/n when all are equal, 1 for a single holder); Gini is the mean absolute difference between every two
/// holders' amounts over twice the mean (0 when all are equal; holders with nothing are not counted, so one holder alone is 0 too).
/// </summary>
public static class Concentration
{
    /// <summary>The figures of <paramref name="amounts"/> (zeros and negatives are not holders); null when no one holds any.</summary>
    public static ConcentrationFigures? Measure(IEnumerable<BigInteger> amounts)
    {
        var held = amounts.Where(a => a.Sign > 0).OrderByDescending(a => a).ToList();
        if (held.Count == 0)
        {
            return null;
        }

        var total = held.Aggregate(BigInteger.Zero, (sum, a) => sum + a);
        var shares = held.Select(a => Share(a, total)).ToList();
        // Nine decimals: far below what any reading of these figures needs, and a third of the digits of a double.
        return new ConcentrationFigures
        {
            Holders = held.Count,
            Nakamoto33 = Nakamoto(held, total, 1, 3),
            Nakamoto50 = Nakamoto(held, total, 1, 2),
            Top1Share = Math.Round(shares[0], 9),
            Top3Share = Math.Round(Share(held.Take(3).Aggregate(BigInteger.Zero, (sum, a) => sum + a), total), 9),
            Hhi = Math.Round(shares.Sum(s => s * s), 9),
            Gini = Math.Round(Gini(held, total), 9),
        };
    }

    /// <summary>The fewest holders (largest first) whose amounts together exceed numerator/denominator of the total.</summary>
    public static int Nakamoto(IReadOnlyList<BigInteger> descending, BigInteger total, int numerator, int denominator)
    {
        var sum = BigInteger.Zero;
        for (var i = 0; i < descending.Count; i++)
        {
            sum += descending[i];
            if (sum * denominator > total * numerator)
            {
                return i + 1;
            }
        }

        return descending.Count;
    }

    /// <summary>
    /// Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n Σ x), from the amounts sorted: Σ over the ascending order of (2i − n − 1)·x₍ᵢ₎ / (n Σ x),
    /// in exact integers up to the last division.
    /// </summary>
    public static double Gini(IReadOnlyList<BigInteger> amounts, BigInteger total)
    {
        var ascending = amounts.OrderBy(a => a).ToList();
        var n = ascending.Count;
        var weighted = BigInteger.Zero;
        for (var i = 1; i <= n; i++)
        {
            weighted += (2 * i - n - 1) * ascending[i - 1];
        }

        return Share(weighted, total * n);
    }

    /// <summary><paramref name="part"/> ÷ <paramref name="whole"/> as a double, exact to 15 digits for wei-sized amounts.</summary>
    public static double Share(BigInteger part, BigInteger whole) =>
        whole.IsZero ? 0 : (double)(part * 1_000_000_000_000_000 / whole) / 1e15;
}
