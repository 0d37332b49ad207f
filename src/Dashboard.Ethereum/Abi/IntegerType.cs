using System.Numerics;

namespace Dashboard.Ethereum.Abi;

/// <summary><c>uintN</c> and <c>intN</c> for N in 8..256: big-endian in one 32-byte word; signed values are two's complement.</summary>
public sealed class IntegerType : AbiType
{
    private readonly BigInteger _min;
    private readonly BigInteger _max;
    private static readonly BigInteger TwoTo256 = BigInteger.One << 256;

    public IntegerType(int bits, bool signed)
    {
        if (bits < 8 || bits > 256 || bits % 8 != 0)
        {
            throw new ArgumentException($"Integer width must be a multiple of 8 in 8..256, got {bits}.", nameof(bits));
        }

        Bits = bits;
        Signed = signed;
        _min = signed ? -(BigInteger.One << (bits - 1)) : BigInteger.Zero;
        _max = signed ? (BigInteger.One << (bits - 1)) - 1 : (BigInteger.One << bits) - 1;
    }

    public int Bits { get; }

    public bool Signed { get; }

    public override string Name => (Signed ? "int" : "uint") + Bits;

    public override bool IsDynamic => false;

    public override byte[] Encode(object? value)
    {
        var number = ToBigInteger(value, this);
        if (number < _min || number > _max)
        {
            throw new AbiEncodingException($"{number} does not fit in {Name} (range {_min}..{_max}).");
        }

        var word = new byte[32];
        var unsigned = number.Sign < 0 ? TwoTo256 + number : number;
        unsigned.TryWriteBytes(word, out var written, isUnsigned: true, isBigEndian: true);
        if (written < 32)
        {
            // TryWriteBytes wrote at the start: right-align it.
            Array.Copy(word, 0, word, 32 - written, written);
            Array.Clear(word, 0, 32 - written);
        }

        return word;
    }

    public override object Decode(ReadOnlySpan<byte> data, int offset)
    {
        var word = Word(data, offset, this);
        var value = new BigInteger(word, isUnsigned: true, isBigEndian: true);
        if (Signed && (word[0] & 0x80) != 0)
        {
            value -= TwoTo256;
        }

        if (value < _min || value > _max)
        {
            throw new AbiDecodingException($"The word at byte {offset} ({value}) is out of range for {Name}.");
        }

        return value;
    }

    internal static BigInteger ToBigInteger(object? value, AbiType type) => value switch
    {
        BigInteger b => b,
        int i => i,
        long l => l,
        uint u => u,
        ulong ul => ul,
        short s => s,
        ushort us => us,
        byte by => by,
        sbyte sb => sb,
        decimal d when decimal.Truncate(d) == d => new BigInteger(d),
        _ => throw new AbiEncodingException($"{type.Name} needs an integer value, got {Describe(value)}."),
    };

    internal static string Describe(object? value) => value is null ? "null" : $"{value.GetType().Name} '{value}'";
}
