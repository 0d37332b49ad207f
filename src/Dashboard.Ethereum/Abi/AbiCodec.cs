namespace Dashboard.Ethereum.Abi;

/// <summary>Encodes and decodes lists of values as an ABI tuple (function arguments, return data, event data).</summary>
public static class AbiCodec
{
    public static byte[] Encode(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        if (types.Count != values.Count)
        {
            throw new AbiEncodingException($"{types.Count} types but {values.Count} values.");
        }

        return TupleType.EncodeSequence(types, values);
    }

    public static byte[] Encode(string types, params object?[] values) => Encode(ParseList(types), values);

    public static object?[] Decode(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data) =>
        TupleType.DecodeSequence(types, data, 0);

    public static object?[] Decode(string types, ReadOnlySpan<byte> data) => Decode(ParseList(types), data);

    /// <summary>Parses a comma-separated list such as <c>uint256,address[],(bool,bytes)</c>.</summary>
    public static IReadOnlyList<AbiType> ParseList(string types)
    {
        if (string.IsNullOrWhiteSpace(types))
        {
            return [];
        }

        var tuple = (TupleType)AbiType.Parse("(" + types + ")");
        return tuple.Components;
    }
}
