namespace Dashboard.Ethereum.Abi;

/// <summary><c>bool</c>: a word holding 0 or 1.</summary>
public sealed class BoolType : AbiType
{
    public static readonly BoolType Instance = new();

    public override string Name => "bool";

    public override bool IsDynamic => false;

    public override byte[] Encode(object? value)
    {
        if (value is not bool flag)
        {
            throw new AbiEncodingException($"bool needs a bool, got {IntegerType.Describe(value)}.");
        }

        var word = new byte[32];
        word[31] = flag ? (byte)1 : (byte)0;
        return word;
    }

    public override object Decode(ReadOnlySpan<byte> data, int offset)
    {
        var word = Word(data, offset, this);
        for (var i = 0; i < 31; i++)
        {
            if (word[i] != 0)
            {
                throw new AbiDecodingException($"The word at byte {offset} is not a bool.");
            }
        }

        return word[31] switch
        {
            0 => false,
            1 => true,
            _ => throw new AbiDecodingException($"The word at byte {offset} is not a bool."),
        };
    }
}
