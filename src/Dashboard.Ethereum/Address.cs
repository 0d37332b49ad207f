using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nethereum.Util;

namespace Dashboard.Ethereum;

/// <summary>
/// A 20-byte account address. Validated once at the boundary: mixed-case input must carry a correct
/// EIP-55 checksum; all-lower or all-upper input is accepted as unchecksummed. Prints checksummed (Nethereum's
/// EIP-55). Ours, not a string: compact, cheap to compare and to store as bytea, and the one place input is checked.
/// </summary>
[JsonConverter(typeof(AddressJsonConverter))]
public readonly struct Address : IEquatable<Address>, IComparable<Address>, ISpanParsable<Address>
{
    public const int Size = 20;

    // Big-endian packing of the 20 bytes so equality and ordering are cheap.
    private readonly ulong _hi;
    private readonly ulong _mid;
    private readonly uint _lo;

    public static readonly Address Zero;

    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"An address is {Size} bytes, got {bytes.Length}.", nameof(bytes));
        }

        _hi = BinaryPrimitives.ReadUInt64BigEndian(bytes[..8]);
        _mid = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..16]);
        _lo = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    public bool IsZero => _hi == 0 && _mid == 0 && _lo == 0;

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination[..8], _hi);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..16], _mid);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..20], _lo);
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>The address whose public key this is: the last 20 bytes of keccak256(64-byte uncompressed key without 0x04).</summary>
    public static Address FromPublicKey(ReadOnlySpan<byte> publicKey64)
    {
        if (publicKey64.Length != 64)
        {
            throw new ArgumentException("A public key here is 64 bytes: uncompressed, without the 0x04 prefix.", nameof(publicKey64));
        }

        return new Address(Sha3Keccack.Current.CalculateHash(publicKey64.ToArray()).AsSpan(12));
    }

    public static Address Parse(string text) => Parse(text, null);

    public static Address Parse(string s, IFormatProvider? provider)
    {
        if (!TryParse(s, out var address, out var error))
        {
            throw new FormatException(error);
        }

        return address;
    }

    public static Address Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString(), provider);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Address result) =>
        TryParse(s, out result, out _);

    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Address result) =>
        TryParse(s.ToString(), out result, out _);

    public static bool TryParse([NotNullWhen(true)] string? text, out Address result) => TryParse(text, out result, out _);

    /// <summary>Parses and explains what was wrong, in words a user can act on.</summary>
    public static bool TryParse(string? text, out Address result, out string error)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "An address is required: 0x followed by 40 hex digits.";
            return false;
        }

        var trimmed = text.Trim();
        if (!trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            error = $"'{Hex.Shorten(trimmed)}' is not an address: it must start with 0x.";
            return false;
        }

        var digits = trimmed.AsSpan(2);
        if (digits.Length != 40)
        {
            error = $"'{Hex.Shorten(trimmed)}' is not an address: expected 40 hex digits after 0x, got {digits.Length}.";
            return false;
        }

        foreach (var ch in digits)
        {
            if (!char.IsAsciiHexDigit(ch))
            {
                error = $"'{Hex.Shorten(trimmed)}' is not an address: '{ch}' is not a hex digit.";
                return false;
            }
        }

        var candidate = new Address(Convert.FromHexString(digits));
        var hasLower = digits.ContainsAnyInRange('a', 'f');
        var hasUpper = digits.ContainsAnyInRange('A', 'F');
        if (hasLower && hasUpper && !AddressUtil.Current.IsChecksumAddress(trimmed))
        {
            error = $"'{trimmed}' has a wrong EIP-55 checksum (mixed case that does not match): check for a typo, or paste it in all lower case.";
            return false;
        }

        result = candidate;
        error = string.Empty;
        return true;
    }

    /// <summary>EIP-55 checksummed form.</summary>
    public override string ToString()
    {
        // Nethereum's EIP-55 costs ~3.3 µs (a Keccak through BouncyCastle and string work); an API list prints the same
        // few hundred addresses (sequencers, signers, pools) over and over, so recent ones are remembered. Bounded: the
        // cache starts again when full rather than growing with every delegator ever shown.
        if (ChecksumCache.TryGetValue(this, out var cached))
        {
            return cached;
        }

        if (ChecksumCache.Count >= ChecksumCacheSize)
        {
            ChecksumCache.Clear();
        }

        var text = AddressUtil.Current.ConvertToChecksumAddress(ToLowerHex());
        ChecksumCache.TryAdd(this, text);
        return text;
    }

    private const int ChecksumCacheSize = 16_384;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Address, string> ChecksumCache = new();

    public string ToLowerHex() => Hex.Encode(ToBytes());

    public bool Equals(Address other) => _hi == other._hi && _mid == other._mid && _lo == other._lo;

    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_hi, _mid, _lo);

    public int CompareTo(Address other)
    {
        var c = _hi.CompareTo(other._hi);
        if (c != 0)
        {
            return c;
        }

        c = _mid.CompareTo(other._mid);
        return c != 0 ? c : _lo.CompareTo(other._lo);
    }

    public static bool operator ==(Address left, Address right) => left.Equals(right);

    public static bool operator !=(Address left, Address right) => !left.Equals(right);

    public static bool operator <(Address left, Address right) => left.CompareTo(right) < 0;

    public static bool operator >(Address left, Address right) => left.CompareTo(right) > 0;

    public static bool operator <=(Address left, Address right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Address left, Address right) => left.CompareTo(right) >= 0;
}

public sealed class AddressJsonConverter : JsonConverter<Address>
{
    public override Address Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (!Address.TryParse(text, out var address, out var error))
        {
            throw new JsonException(error);
        }

        return address;
    }

    public override void Write(Utf8JsonWriter writer, Address value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());

    public override Address ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, Address value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.ToString());
}
