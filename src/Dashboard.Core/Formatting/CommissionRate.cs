using System.Globalization;

namespace Dashboard.Core.Formatting;

/// <summary>A commission as people read it, in percent ("12.5 %"); basis points only on the wire (1 % = 100 bps).</summary>
public static class CommissionRate
{
    public static string Format(int bps) => (bps / 100m).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    /// <summary>Reads "12.5", "12,5 %" (with the visitor's decimal separator) into basis points, or says what is wrong.</summary>
    public static bool TryParse(string? text, NumberFormatInfo format, out int bps, out string error)
    {
        bps = 0;
        var cleaned = (text ?? "").Trim().TrimEnd('%').Trim();
        if (cleaned.Length == 0)
        {
            error = "Enter the new commission in percent, e.g. 10 for 10 %.";
            return false;
        }

        var parts = cleaned.Split(format.NumberDecimalSeparator);
        if (parts.Length > 2 || parts.Any(p => !p.All(char.IsAsciiDigit)) || parts[0].Length == 0 && (parts.Length == 1 || parts[1].Length == 0))
        {
            error = $"'{text}' is not a percentage: digits and at most one decimal separator ('{format.NumberDecimalSeparator}'), e.g. 12{format.NumberDecimalSeparator}5.";
            return false;
        }

        if (parts.Length == 2 && parts[1].Length > 2)
        {
            error = "A commission has at most two decimals (it is kept in basis points, 0.01 %).";
            return false;
        }

        var percent = decimal.Parse((parts[0].Length == 0 ? "0" : parts[0]) + (parts.Length == 2 ? "." + parts[1] : ""), CultureInfo.InvariantCulture);
        if (percent > 100)
        {
            error = "A commission is at most 100 %.";
            return false;
        }

        bps = (int)(percent * 100);
        error = "";
        return true;
    }
}
