using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Ethereum;

/// <summary>A 32-byte value: block and transaction hashes, log topics, storage words.</summary>
[JsonConverter(typeof(Hash32JsonConverter))]
public readonly struct Hash32 : IEquatable<Hash32>
{
    public const int Size = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    public static readonly Hash32 Zero;

    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A 32-byte hash was expected, got {bytes.Length} bytes.", nameof(bytes));
        }

        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes[..8]);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..16]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..24]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    public bool IsZero => (_a | _b | _c | _d) == 0;

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination[..8], _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..16], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..24], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..32], _d);
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    public static Hash32 Parse(string text)
    {
        if (!TryParse(text, out var hash))
        {
            throw new FormatException($"'{Hex.Shorten(text)}' is not a 32-byte hash: expected 0x followed by 64 hex digits.");
        }

        return hash;
    }

    public static bool TryParse(string? text, out Hash32 hash)
    {
        hash = default;
        if (text is null || !Hex.TryDecode(text.Trim(), out var bytes) || bytes.Length != Size)
        {
            return false;
        }

        hash = new Hash32(bytes);
        return true;
    }

    public override string ToString() => Hex.Encode(ToBytes());

    public bool Equals(Hash32 other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is Hash32 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    public static bool operator ==(Hash32 left, Hash32 right) => left.Equals(right);

    public static bool operator !=(Hash32 left, Hash32 right) => !left.Equals(right);
}

public sealed class Hash32JsonConverter : JsonConverter<Hash32>
{
    public override Hash32 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (!Hash32.TryParse(text, out var hash))
        {
            throw new JsonException($"'{text}' is not a 32-byte hash.");
        }

        return hash;
    }

    public override void Write(Utf8JsonWriter writer, Hash32 value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
