namespace Dashboard.Ethereum.Abi;

/// <summary>
/// One Solidity ABI type and its codec. Each concrete type encodes and decodes its own values
/// (see the files beside this one); <see cref="Parse"/> turns a type string such as
/// <c>uint256</c>, <c>bytes32[]</c> or <c>(address,uint256)[2]</c> into the type tree.
/// </summary>
/// <remarks>
/// Values are plain .NET objects: <see cref="System.Numerics.BigInteger"/> for integers, <see cref="Address"/>,
/// <see cref="bool"/>, <see cref="byte"/>[] for bytes and bytesN, <see cref="string"/>, and <c>object?[]</c>
/// for arrays and tuples.
/// </remarks>
public abstract class AbiType
{
    /// <summary>The canonical name used in signatures (e.g. <c>uint256</c>, <c>(address,bool)[]</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Whether the encoding is referenced through an offset (bytes, string, T[], and containers of those).</summary>
    public abstract bool IsDynamic { get; }

    /// <summary>Bytes the value takes in its enclosing head: its whole encoding when static, a 32-byte offset when dynamic.</summary>
    public virtual int HeadSize => 32;

    /// <summary>The complete encoding of <paramref name="value"/> (for a dynamic type: what goes in the tail).</summary>
    public abstract byte[] Encode(object? value);

    /// <summary>Decodes the value whose encoding starts at <paramref name="offset"/> of <paramref name="data"/>.</summary>
    public abstract object Decode(ReadOnlySpan<byte> data, int offset);

    public override string ToString() => Name;

    public static AbiType Parse(string type) => AbiTypeParser.Parse(type);

    internal static ReadOnlySpan<byte> Word(ReadOnlySpan<byte> data, int offset, AbiType forType)
    {
        if (offset < 0 || offset + 32 > data.Length)
        {
            throw new AbiDecodingException(
                $"Cannot read {forType.Name} at byte {offset}: the data holds only {data.Length} bytes.");
        }

        return data.Slice(offset, 32);
    }

    internal static int ReadLength(ReadOnlySpan<byte> data, int offset, AbiType forType, string what)
    {
        var word = Word(data, offset, forType);
        for (var i = 0; i < 28; i++)
        {
            if (word[i] != 0)
            {
                throw new AbiDecodingException($"The {what} of {forType.Name} at byte {offset} is too large to be real.");
            }
        }

        var value = (word[28] << 24) | (word[29] << 16) | (word[30] << 8) | word[31];
        if (value < 0 || value > data.Length)
        {
            throw new AbiDecodingException($"The {what} of {forType.Name} at byte {offset} ({value}) runs past the end of the data ({data.Length} bytes).");
        }

        return value;
    }
}
