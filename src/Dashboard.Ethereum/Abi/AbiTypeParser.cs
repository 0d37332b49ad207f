using System.Collections.Concurrent;
using System.Globalization;

namespace Dashboard.Ethereum.Abi;

/// <summary>Parses Solidity type strings into <see cref="AbiType"/> trees, caching the results.</summary>
internal static class AbiTypeParser
{
    private static readonly ConcurrentDictionary<string, AbiType> Cache = new(StringComparer.Ordinal);

    public static AbiType Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return Cache.GetOrAdd(text.Replace(" ", "", StringComparison.Ordinal), static t =>
        {
            var position = 0;
            var type = ParseType(t, ref position);
            if (position != t.Length)
            {
                throw new FormatException($"Unexpected '{t[position..]}' in ABI type '{t}'.");
            }

            return type;
        });
    }

    private static AbiType ParseType(string text, ref int position)
    {
        AbiType type;
        if (position < text.Length && text[position] == '(' || text.AsSpan(position).StartsWith("tuple("))
        {
            if (text[position] != '(')
            {
                position += "tuple".Length;
            }

            position++; // (
            var components = new List<AbiType>();
            if (position < text.Length && text[position] == ')')
            {
                position++;
            }
            else
            {
                while (true)
                {
                    components.Add(ParseType(text, ref position));
                    if (position >= text.Length)
                    {
                        throw new FormatException($"Unclosed tuple in ABI type '{text}'.");
                    }

                    var ch = text[position++];
                    if (ch == ')')
                    {
                        break;
                    }

                    if (ch != ',')
                    {
                        throw new FormatException($"Expected ',' or ')' in ABI type '{text}' at {position - 1}.");
                    }
                }
            }

            type = new TupleType(components);
        }
        else
        {
            var start = position;
            while (position < text.Length && char.IsAsciiLetterOrDigit(text[position]))
            {
                position++;
            }

            type = Elementary(text[start..position], text);
        }

        while (position < text.Length && text[position] == '[')
        {
            var close = text.IndexOf(']', position);
            if (close < 0)
            {
                throw new FormatException($"Unclosed '[' in ABI type '{text}'.");
            }

            var inside = text[(position + 1)..close];
            int? length = inside.Length == 0 ? null : int.Parse(inside, NumberStyles.None, CultureInfo.InvariantCulture);
            type = new ArrayType(type, length);
            position = close + 1;
        }

        return type;
    }

    private static AbiType Elementary(string name, string whole)
    {
        switch (name)
        {
            case "address":
                return AddressType.Instance;
            case "bool":
                return BoolType.Instance;
            case "string":
                return BytesType.String;
            case "bytes":
                return BytesType.Bytes;
            case "uint":
                return IntegerTypes.Uint256;
            case "int":
                return IntegerTypes.Int256;
        }

        if (name.StartsWith("uint", StringComparison.Ordinal) && TryBits(name[4..], out var ubits))
        {
            return new IntegerType(ubits, signed: false);
        }

        if (name.StartsWith("int", StringComparison.Ordinal) && TryBits(name[3..], out var sbits))
        {
            return new IntegerType(sbits, signed: true);
        }

        if (name.StartsWith("bytes", StringComparison.Ordinal) &&
            int.TryParse(name[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 32)
        {
            return new FixedBytesType(n);
        }

        throw new FormatException($"'{name}' is not an ABI type (in '{whole}').");
    }

    private static bool TryBits(string digits, out int bits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out bits) && bits is >= 8 and <= 256 && bits % 8 == 0;
}
