namespace Dashboard.Ethereum.Abi;

/// <summary><c>address</c>: 20 bytes right-aligned in a word.</summary>
public sealed class AddressType : AbiType
{
    public static readonly AddressType Instance = new();

    public override string Name => "address";

    public override bool IsDynamic => false;

    public override byte[] Encode(object? value)
    {
        var address = value switch
        {
            Address a => a,
            string s => Address.Parse(s),
            _ => throw new AbiEncodingException($"address needs an Address, got {IntegerType.Describe(value)}."),
        };
        var word = new byte[32];
        address.WriteTo(word.AsSpan(12));
        return word;
    }

    public override object Decode(ReadOnlySpan<byte> data, int offset)
    {
        var word = Word(data, offset, this);
        return new Address(word[12..]);
    }
}
