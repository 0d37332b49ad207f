namespace Dashboard.Ethereum.Abi;

/// <summary><c>T[]</c> (a length word, then the elements as a tuple) and <c>T[k]</c> (the elements as a tuple).</summary>
public sealed class ArrayType : AbiType
{
    public ArrayType(AbiType element, int? fixedLength)
    {
        if (fixedLength is < 0)
        {
            throw new ArgumentException("A fixed array length cannot be negative.", nameof(fixedLength));
        }

        Element = element;
        FixedLength = fixedLength;
    }

    public AbiType Element { get; }

    /// <summary>k for <c>T[k]</c>; null for <c>T[]</c>.</summary>
    public int? FixedLength { get; }

    public override string Name => $"{Element.Name}[{FixedLength}]";

    public override bool IsDynamic => FixedLength is null || Element.IsDynamic;

    public override int HeadSize => IsDynamic ? 32 : FixedLength!.Value * Element.HeadSize;

    public override byte[] Encode(object? value)
    {
        var items = ToItems(value);
        if (FixedLength is { } k && items.Count != k)
        {
            throw new AbiEncodingException($"{Name} needs exactly {k} elements, got {items.Count}.");
        }

        var types = Enumerable.Repeat(Element, items.Count).ToArray();
        var body = TupleType.EncodeSequence(types, items);
        if (FixedLength is not null)
        {
            return body;
        }

        var result = new byte[32 + body.Length];
        IntegerTypes.Uint256.Encode(items.Count).CopyTo(result, 0);
        body.CopyTo(result, 32);
        return result;
    }

    public override object Decode(ReadOnlySpan<byte> data, int offset)
    {
        int count;
        var start = offset;
        if (FixedLength is { } k)
        {
            count = k;
        }
        else
        {
            count = ReadLength(data, offset, this, "element count");
            start = offset + 32;
        }

        // Every element needs at least one word in the head, so a count larger than the data is corrupt.
        if ((long)count * Element.HeadSize > data.Length - start)
        {
            throw new AbiDecodingException($"{Name} at byte {offset} claims {count} elements, more than the data can hold.");
        }

        var types = Enumerable.Repeat(Element, count).ToArray();
        return TupleType.DecodeSequence(types, data, start);
    }

    private IReadOnlyList<object?> ToItems(object? value) => value switch
    {
        IReadOnlyList<object?> list => list,
        System.Collections.IEnumerable sequence and not string and not byte[] => sequence.Cast<object?>().ToList(),
        _ => throw new AbiEncodingException($"{Name} needs a list of values, got {IntegerType.Describe(value)}."),
    };
}
