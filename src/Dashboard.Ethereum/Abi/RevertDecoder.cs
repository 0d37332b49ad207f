using System.Globalization;
using System.Numerics;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.Model;

namespace Dashboard.Ethereum.Abi;

/// <summary>
/// Turns revert data into words: <c>Error(string)</c> reasons and custom errors decoded by Nethereum (the errors'
/// ABI, by 4-byte selector, with a plain-language meaning for each), and <c>Panic(uint256)</c> codes, which Nethereum
/// does not decode. Unknown or malformed data is reported as such, never guessed.
/// </summary>
public sealed class RevertDecoder
{
    private const string ErrorSelector = "08c379a0";
    private const string PanicSelector = "4e487b71";
    private static readonly FunctionCallDecoder Decoder = new();
    private readonly Dictionary<string, (ErrorABI Abi, string Meaning)> _errors = new(StringComparer.OrdinalIgnoreCase);

    public RevertDecoder(IEnumerable<(ErrorABI Abi, string Meaning)> errors)
    {
        foreach (var error in errors)
        {
            _errors[error.Abi.Sha3Signature] = error;
        }
    }

    /// <summary>The custom errors known, with their meanings.</summary>
    public IReadOnlyCollection<(ErrorABI Abi, string Meaning)> Errors => _errors.Values;

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

        var selector = Convert.ToHexStringLower(data[..4]);
        try
        {
            if (selector == ErrorSelector && data.Length >= 4 + 64)
            {
                return new DecodedRevert { Kind = RevertKind.Reason, Name = "Error", Meaning = Decoder.DecodeFunctionErrorMessage(raw), RawData = raw };
            }

            if (selector == PanicSelector && data.Length == 36)
            {
                var code = new BigInteger(data[4..], isUnsigned: true, isBigEndian: true);
                return new DecodedRevert { Kind = RevertKind.Panic, Name = "Panic", Meaning = PanicMeaning(code), Arguments = [("code", code)], RawData = raw };
            }

            // Nethereum reads past the end of short data as zeros: arguments cut short are not decoded at all.
            if (_errors.TryGetValue(selector, out var error) && (data.Length - 4) % 32 == 0 && data.Length - 4 >= 32 * error.Abi.InputParameters.Length)
            {
                var values = error.Abi.DecodeErrorDataToDefault(raw);
                return new DecodedRevert
                {
                    Kind = RevertKind.Custom,
                    Name = error.Abi.Name,
                    Meaning = error.Meaning,
                    Arguments = values.OrderBy(v => v.Parameter.Order).Select(v => (v.Parameter.Name, Value(v.Parameter, v.Result))).ToArray(),
                    RawData = raw,
                };
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IndexOutOfRangeException or InvalidCastException or OverflowException)
        {
            // Truncated or malformed arguments: say so rather than guess.
            return Unknown(raw);
        }

        return Unknown(raw);
    }

    // Addresses as our value type, so every caller prints them the same way (EIP-55).
    private static object? Value(Parameter parameter, object? value) =>
        parameter.ABIType.Name == "address" && value is string text && Address.TryParse(text, out var address) ? address : value;

    private static DecodedRevert Unknown(string raw) =>
        new() { Kind = RevertKind.Unknown, Name = "Unknown", Meaning = $"The transaction reverted with data this dashboard does not know ({Hex.Shorten(raw)}).", RawData = raw };

    // The codes Solidity documents for Panic(uint256).
    private static string PanicMeaning(BigInteger code) => code > 0xff ? $"Panic code 0x{code:x}." : (int)code switch
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
