using System.Text;

namespace Dashboard.Ethereum.Abi;

/// <summary><c>bytes</c> and <c>string</c>: a length word followed by the content padded to whole words.</summary>
public sealed class BytesType : AbiType
{
    public static readonly BytesType Bytes = new(isString: false);
    public static readonly BytesType String = new(isString: true);

    private BytesType(bool isString) => IsString = isString;

    public bool IsString { get; }

    public override string Name => IsString ? "string" : "bytes";

    public override bool IsDynamic => true;

    public override byte[] Encode(object? value)
    {
        var content = (IsString, value) switch
        {
            (true, string s) => Encoding.UTF8.GetBytes(s),
            (false, byte[] b) => b,
            _ => throw new AbiEncodingException($"{Name} needs a {(IsString ? "string" : "byte array")}, got {IntegerType.Describe(value)}."),
        };
        var padded = (content.Length + 31) / 32 * 32;
        var result = new byte[32 + padded];
        IntegerTypes.Uint256.Encode(content.Length).CopyTo(result, 0);
        content.CopyTo(result, 32);
        return result;
    }

    public override object Decode(ReadOnlySpan<byte> data, int offset)
    {
        var length = ReadLength(data, offset, this, "length");
        if (offset + 32 + length > data.Length)
        {
            throw new AbiDecodingException($"{Name} at byte {offset} claims {length} bytes but the data ends at {data.Length}.");
        }

        var content = data.Slice(offset + 32, length);
        return IsString ? Encoding.UTF8.GetString(content) : content.ToArray();
    }
}
