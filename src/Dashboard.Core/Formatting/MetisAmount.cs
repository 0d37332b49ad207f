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

    /// <summary>
    /// The separators a visitor's browser uses (Intl.NumberFormat's parts), as .NET number format: the server runs
    /// without culture data, so the browser says which locale conventions to read amounts with.
    /// </summary>
    public static NumberFormatInfo Separators(string decimalSeparator, string groupSeparator) => new()
    {
        NumberDecimalSeparator = decimalSeparator is { Length: > 0 } ? decimalSeparator : ".",
        NumberGroupSeparator = groupSeparator is { Length: > 0 } && groupSeparator != decimalSeparator ? groupSeparator : decimalSeparator == "," ? "." : ",",
    };

    /// <summary>Parses an amount in METIS written the invariant way ("1,000.5": ',' groups thousands, '.' is the decimal point).</summary>
    public static bool TryParse(string? text, out BigInteger wei, out string error) =>
        TryParse(text, CultureInfo.InvariantCulture, out wei, out error);

    /// <summary>
    /// Parses an amount in METIS as a person in <paramref name="culture"/> types it ("1.000,5" in German, "1,000.5" in
    /// English) into wei, exactly. Thousands separators must group by three, so a separator in the wrong role is refused
    /// with a reason instead of guessed at: "1,5" is 1.5 in German and an error in English, never 15.
    /// </summary>
    public static bool TryParse(string? text, IFormatProvider? culture, out BigInteger wei, out string error)
    {
        wei = BigInteger.Zero;
        var format = NumberFormatInfo.GetInstance(culture);
        var point = format.NumberDecimalSeparator;
        var group = format.NumberGroupSeparator;
        // Cultures that group with a (narrow) no-break space also get a plain space from a keyboard.
        var groups = group.Length > 0 && char.IsWhiteSpace(group, 0) || group is "\u00a0" or "\u202f" ? new[] { group, " ", "\u00a0", "\u202f" } : [group];
        var cleaned = (text ?? "").Trim().Replace("_", "", StringComparison.Ordinal);
        if (cleaned.EndsWith("METIS", StringComparison.OrdinalIgnoreCase))
        {
            cleaned = cleaned[..^5].Trim();
        }

        var example = $"for example 1000 or 1000{point}5";
        if (cleaned.Length == 0)
        {
            error = $"Enter an amount in METIS, {example}.";
            return false;
        }

        var parts = cleaned.Split(point);
        if (parts.Length > 2)
        {
            error = $"'{text}' is not an amount: it has more than one decimal separator ('{point}').";
            return false;
        }

        var whole = parts[0];
        var fractionText = parts.Length == 2 ? parts[1] : "";
        var wholeGroups = whole.Split(groups, StringSplitOptions.None);
        if (wholeGroups.Length > 1 && (wholeGroups[0].Length is 0 or > 3 || wholeGroups.Skip(1).Any(g => g.Length != 3)))
        {
            // A separator that does not group by three was most likely meant as the decimal point.
            error = $"'{text}' is not an amount here: '{group.Trim() switch { "" => "space", var g => g }}' separates thousands (groups of three digits) and the decimal separator is '{point}', e.g. 1{point}5 for one and a half.";
            return false;
        }

        var digits = string.Concat(wholeGroups);
        if (!digits.All(char.IsAsciiDigit) || !fractionText.All(char.IsAsciiDigit) || digits.Length == 0 && fractionText.Length == 0)
        {
            var other = point == "." ? "," : ".";
            error = cleaned.Contains(other, StringComparison.Ordinal) && other != group
                ? $"'{text}' is not an amount here: the decimal separator is '{point}', e.g. 1{point}5 for one and a half."
                : $"'{text}' is not an amount: use digits, '{group.Trim()}' between thousands if you like, and at most one decimal separator ('{point}').";
            return false;
        }

        if (fractionText.Length > Decimals)
        {
            error = $"METIS has {Decimals} decimals; '{text}' has more.";
            return false;
        }

        var wholeValue = digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        var fraction = fractionText.Length > 0
            ? BigInteger.Parse(fractionText.PadRight(Decimals, '0'), CultureInfo.InvariantCulture)
            : BigInteger.Zero;
        wei = wholeValue * WeiPerMetis + fraction;
        error = "";
        return true;
    }

    public static BigInteger FromMetis(decimal metis) => new BigInteger(metis * 1_000_000_000m) * BigInteger.Pow(10, Decimals - 9);
}
