namespace Dashboard.Ethereum.Abi;

/// <summary><c>bytesN</c> (N in 1..32): left-aligned in one word.</summary>
public sealed class FixedBytesType : AbiType
{
    public FixedBytesType(int length)
    {
        if (length is < 1 or > 32)
        {
            throw new ArgumentException($"bytesN needs N in 1..32, got {length}.", nameof(length));
        }

        Length = length;
    }

    public int Length { get; }

    public override string Name => "bytes" + Length;

    public override bool IsDynamic => false;

    public override byte[] Encode(object? value)
    {
        var bytes = value switch
        {
            byte[] b => b,
            Hash32 h when Length == 32 => h.ToBytes(),
            _ => throw new AbiEncodingException($"{Name} needs a byte array, got {IntegerType.Describe(value)}."),
        };
        if (bytes.Length != Length)
        {
            throw new AbiEncodingException($"{Name} needs exactly {Length} bytes, got {bytes.Length}.");
        }

        var word = new byte[32];
        bytes.CopyTo(word, 0);
        return word;
    }

    public override object Decode(ReadOnlySpan<byte> data, int offset) => Word(data, offset, this)[..Length].ToArray();
}
