using System.Globalization;
using System.Numerics;

namespace Dashboard.Ethereum.Abi;

/// <summary>
/// Turns revert data into words: <c>Error(string)</c> reasons, <c>Panic(uint256)</c> codes, and the custom
/// errors it was given (by 4-byte selector). Unknown data is reported as such, never guessed.
/// </summary>
public sealed class RevertDecoder
{
    private static readonly byte[] ErrorSelector = [0x08, 0xc3, 0x79, 0xa0];
    private static readonly byte[] PanicSelector = [0x4e, 0x48, 0x7b, 0x71];
    private readonly Dictionary<uint, CustomError> _errors = [];

    public RevertDecoder(IEnumerable<CustomError> errors)
    {
        foreach (var error in errors)
        {
            _errors[Key(error.Selector)] = error;
        }
    }

    public IReadOnlyCollection<CustomError> Errors => _errors.Values;

    public DecodedRevert Decode(string? hexData) =>
        hexData is null || !Hex.TryDecode(hexData, out var bytes) ? Decode([]) : Decode(bytes);

    public DecodedRevert Decode(ReadOnlySpan<byte> data)
    {
        var raw = Hex.Encode(data);
        if (data.Length == 0)
        {
            return new DecodedRevert { Kind = RevertKind.Empty, Name = "Revert", Meaning = "The transaction reverted without a reason.", RawData = raw };
        }

        if (data.Length < 4)
        {
            return Unknown(raw);
        }

        var selector = data[..4];
        try
        {
            if (selector.SequenceEqual(ErrorSelector))
            {
                var reason = (string)AbiCodec.Decode([BytesType.String], data[4..])[0]!;
                return new DecodedRevert { Kind = RevertKind.Reason, Name = "Error", Meaning = reason, RawData = raw };
            }

            if (selector.SequenceEqual(PanicSelector))
            {
                var code = (BigInteger)IntegerTypes.Uint256.Decode(data[4..], 0);
                return new DecodedRevert
                {
                    Kind = RevertKind.Panic,
                    Name = "Panic",
                    Meaning = PanicMeaning(code),
                    Arguments = [("code", code)],
                    RawData = raw,
                };
            }

            if (_errors.TryGetValue(Key(selector), out var error))
            {
                var values = AbiCodec.Decode(error.Inputs.Select(i => i.Type).ToArray(), data[4..]);
                return new DecodedRevert
                {
                    Kind = RevertKind.Custom,
                    Name = error.Name,
                    Meaning = error.Meaning,
                    Arguments = error.Inputs.Select((input, i) => (input.Name, values[i])).ToArray(),
                    RawData = raw,
                };
            }
        }
        catch (AbiDecodingException)
        {
            return Unknown(raw);
        }

        return Unknown(raw);
    }

    private static DecodedRevert Unknown(string raw) =>
        new() { Kind = RevertKind.Unknown, Name = "Unknown", Meaning = $"The transaction reverted with data this dashboard does not know ({Hex.Shorten(raw)}).", RawData = raw };

    private static uint Key(ReadOnlySpan<byte> selector) => (uint)(selector[0] << 24 | selector[1] << 16 | selector[2] << 8 | selector[3]);

    // The codes Solidity documents for Panic(uint256).
    private static string PanicMeaning(BigInteger code) => (int)code switch
    {
        0x01 => "An internal check failed (assert).",
        0x11 => "An arithmetic operation overflowed or underflowed.",
        0x12 => "Division or modulo by zero.",
        0x21 => "A value was out of range for an enum.",
        0x22 => "Storage byte array was incorrectly encoded.",
        0x31 => "pop() on an empty array.",
        0x32 => "An array index was out of bounds.",
        0x41 => "Too much memory was allocated.",
        0x51 => "A zero-initialized internal function was called.",
        _ => $"Panic code 0x{code.ToString("x", CultureInfo.InvariantCulture)}.",
    };
}
