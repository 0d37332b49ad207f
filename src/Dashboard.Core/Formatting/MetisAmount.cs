using System.Globalization;
using System.Numerics;

namespace Dashboard.Core.Formatting;

/// <summary>
/// The one place where wei become METIS text. Money stays in wei (<see cref="BigInteger"/>) everywhere else;
/// only the UI and CSV edges format it.
/// </summary>
public static class MetisAmount
{
    public const int Decimals = 18;
    public static readonly BigInteger WeiPerMetis = BigInteger.Pow(10, Decimals);

    /// <summary>Every digit, no grouping: "20000.000000000000000001". For CSV and the hover title.</summary>
    public static string Exact(BigInteger wei)
    {
        var negative = wei.Sign < 0;
        var abs = BigInteger.Abs(wei);
        var whole = BigInteger.DivRem(abs, WeiPerMetis, out var fraction);
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (!fraction.IsZero)
        {
            text += "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(Decimals, '0').TrimEnd('0');
        }

        return negative ? "-" + text : text;
    }

    /// <summary>Grouped and rounded half away from zero to <paramref name="maxDecimals"/>: "20,000.5 METIS".</summary>
    public static string Format(BigInteger wei, int maxDecimals = 2, bool withUnit = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDecimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDecimals, Decimals);
        var negative = wei.Sign < 0;
        var abs = BigInteger.Abs(wei);
        var unit = BigInteger.Pow(10, Decimals - maxDecimals);
        var rounded = BigInteger.DivRem(abs, unit, out var remainder);
        if (remainder * 2 >= unit)
        {
            rounded += 1;
        }

        var scale = BigInteger.Pow(10, maxDecimals);
        var whole = BigInteger.DivRem(rounded, scale, out var fraction);
        var text = whole.ToString("N0", CultureInfo.InvariantCulture);
        if (maxDecimals > 0 && !fraction.IsZero)
        {
            text += "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(maxDecimals, '0').TrimEnd('0');
        }

        if (negative && (whole > 0 || fraction > 0))
        {
            text = "-" + text;
        }

        return withUnit ? text + " METIS" : text;
    }

    /// <summary>Parses user input in METIS ("1,000.5") into wei; false with a reason when it is not an amount.</summary>
    public static bool TryParse(string? text, out BigInteger wei, out string error)
    {
        wei = BigInteger.Zero;
        var cleaned = (text ?? "").Trim().Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        if (cleaned.EndsWith("METIS", StringComparison.OrdinalIgnoreCase))
        {
            cleaned = cleaned[..^5].Trim();
        }

        if (cleaned.Length == 0)
        {
            error = "Enter an amount in METIS, for example 1000 or 1000.5.";
            return false;
        }

        var parts = cleaned.Split('.');
        if (parts.Length > 2 || parts.Any(p => p.Any(c => !char.IsAsciiDigit(c))) || parts[0].Length == 0 && (parts.Length == 1 || parts[1].Length == 0))
        {
            error = $"'{text}' is not an amount: use digits and at most one decimal point.";
            return false;
        }

        if (parts.Length == 2 && parts[1].Length > Decimals)
        {
            error = $"METIS has {Decimals} decimals; '{text}' has more.";
            return false;
        }

        var whole = parts[0].Length == 0 ? BigInteger.Zero : BigInteger.Parse(parts[0], CultureInfo.InvariantCulture);
        var fraction = parts.Length == 2 && parts[1].Length > 0
            ? BigInteger.Parse(parts[1].PadRight(Decimals, '0'), CultureInfo.InvariantCulture)
            : BigInteger.Zero;
        wei = whole * WeiPerMetis + fraction;
        error = "";
        return true;
    }

    public static BigInteger FromMetis(decimal metis) => new BigInteger(metis * 1_000_000_000m) * BigInteger.Pow(10, Decimals - 9);
}
