using System.Globalization;
using System.Numerics;

namespace Dashboard.Ethereum;

/// <summary>Hex text as JSON-RPC uses it: "0x"-prefixed byte strings and minimal "quantities".</summary>
public static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes, bool prefix = true)
    {
        var hex = Convert.ToHexStringLower(bytes);
        return prefix ? "0x" + hex : hex;
    }

    /// <summary>Decodes a byte string; accepts an optional 0x prefix; rejects odd lengths and non-hex characters.</summary>
    public static byte[] Decode(string text)
    {
        if (!TryDecode(text, out var bytes))
        {
            throw new FormatException($"'{Shorten(text)}' is not a hex byte string (expected 0x followed by an even number of hex digits).");
        }

        return bytes;
    }

    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan();
        if (span.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            span = span[2..];
        }

        if (span.Length % 2 != 0)
        {
            return false;
        }

        foreach (var ch in span)
        {
            if (!char.IsAsciiHexDigit(ch))
            {
                return false;
            }
        }

        bytes = Convert.FromHexString(span);
        return true;
    }

    /// <summary>Formats a non-negative integer as a JSON-RPC quantity ("0x0", "0x1a", no leading zeros).</summary>
    public static string Quantity(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Quantities are non-negative.");
        }

        if (value.IsZero)
        {
            return "0x0";
        }

        var hex = value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        return "0x" + hex;
    }

    public static string Quantity(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string Quantity(long value) => Quantity(checked((ulong)value));

    public static BigInteger ParseBigQuantity(string text)
    {
        var digits = StripPrefix(text);
        if (digits.Length == 0)
        {
            throw new FormatException($"'{Shorten(text)}' is not a hex quantity.");
        }

        // A leading zero nibble keeps BigInteger from reading the top bit as a sign.
        return BigInteger.Parse("0" + digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    public static ulong ParseQuantity(string text)
    {
        var digits = StripPrefix(text);
        if (digits.Length == 0 || !ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{Shorten(text)}' is not a 64-bit hex quantity.");
        }

        return value;
    }

    public static long ParseLongQuantity(string text) => checked((long)ParseQuantity(text));

    private static string StripPrefix(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;

    internal static string Shorten(string? text) =>
        text is null ? "null" : text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
