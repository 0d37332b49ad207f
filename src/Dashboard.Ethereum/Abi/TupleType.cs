namespace Dashboard.Ethereum.Abi;

/// <summary>
/// <c>(T1,...,Tk)</c>: heads in order (static values inline, dynamic ones as offsets from the tuple's start),
/// then the tails of the dynamic values. Function arguments and event data are encoded as a tuple.
/// </summary>
public sealed class TupleType : AbiType
{
    public TupleType(IReadOnlyList<AbiType> components) => Components = components;

    public IReadOnlyList<AbiType> Components { get; }

    public override string Name => "(" + string.Join(",", Components.Select(c => c.Name)) + ")";

    public override bool IsDynamic => Components.Any(c => c.IsDynamic);

    public override int HeadSize => IsDynamic ? 32 : Components.Sum(c => c.HeadSize);

    public override byte[] Encode(object? value)
    {
        var items = value switch
        {
            IReadOnlyList<object?> list => list,
            _ => throw new AbiEncodingException($"{Name} needs a list of component values, got {IntegerType.Describe(value)}."),
        };
        if (items.Count != Components.Count)
        {
            throw new AbiEncodingException($"{Name} needs {Components.Count} values, got {items.Count}.");
        }

        return EncodeSequence(Components, items);
    }

    public override object Decode(ReadOnlySpan<byte> data, int offset) => DecodeSequence(Components, data, offset);

    internal static byte[] EncodeSequence(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        var headSize = types.Sum(t => t.HeadSize);
        var heads = new List<byte[]>(types.Count);
        var tails = new List<byte[]>();
        var tailOffset = headSize;
        for (var i = 0; i < types.Count; i++)
        {
            byte[] encoded;
            try
            {
                encoded = types[i].Encode(values[i]);
            }
            catch (AbiEncodingException ex) when (types.Count > 1)
            {
                throw new AbiEncodingException($"Value {i + 1} of {types.Count}: {ex.Message}");
            }

            if (types[i].IsDynamic)
            {
                heads.Add(IntegerTypes.Uint256.Encode(tailOffset));
                tails.Add(encoded);
                tailOffset += encoded.Length;
            }
            else
            {
                heads.Add(encoded);
            }
        }

        var result = new byte[tailOffset];
        var position = 0;
        foreach (var part in heads.Concat(tails))
        {
            part.CopyTo(result, position);
            position += part.Length;
        }

        return result;
    }

    internal static object?[] DecodeSequence(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data, int offset)
    {
        var values = new object?[types.Count];
        var head = offset;
        for (var i = 0; i < types.Count; i++)
        {
            var type = types[i];
            if (type.IsDynamic)
            {
                var relative = ReadLength(data, head, type, "offset");
                var target = offset + relative;
                if (target > data.Length)
                {
                    throw new AbiDecodingException($"The offset of {type.Name} at byte {head} points past the end of the data.");
                }

                values[i] = type.Decode(data, target);
            }
            else
            {
                values[i] = type.Decode(data, head);
            }

            head += type.HeadSize;
        }

        return values;
    }
}
