using System.Collections;
using System.Numerics;
using Nethereum.ABI;
using Nethereum.ABI.ABIDeserialisation;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.Model;

namespace Dashboard.Ethereum.Abi;

/// <summary>
/// Calldata from a signature such as <c>setWhitelist(address,bool)</c> and the argument values, and return data
/// decoded from a type list such as <c>uint256,address</c> — Nethereum's human-readable ABI, for devnet scripts and
/// tests where a binding class per admin call would add nothing. The dashboard itself reads and writes through
/// typed function messages (<see cref="Rpc.ViewBatch"/>). Our value types go in and come out: <see cref="Address"/>,
/// <see cref="Hash32"/>; numbers as <see cref="BigInteger"/>.
/// </summary>
public static class SignatureCall
{
    private static readonly FunctionCallEncoder Encoder = new();
    private static readonly ParameterDecoder Decoder = new();

    public static byte[] Encode(string signature, params object?[] arguments)
    {
        var function = Parse(signature);
        if (function.InputParameters.Length != arguments.Length)
        {
            throw new ArgumentException($"{signature} takes {function.InputParameters.Length} arguments; {arguments.Length} given.", nameof(arguments));
        }

        return Hex.Decode(Encoder.EncodeRequest(function.Sha3Signature, function.InputParameters, arguments.Select(ToNethereum).ToArray()));
    }

    /// <summary>Values encoded as a tuple of <paramref name="types"/> (comma-separated), as constructor arguments are.</summary>
    public static byte[] EncodeArguments(string types, params object?[] arguments) =>
        string.IsNullOrWhiteSpace(types) ? [] : Encoder.EncodeParameters(Parse($"f({types})").InputParameters, arguments.Select(ToNethereum).ToArray());

    public static byte[] Selector(string signature) => Convert.FromHexString(Parse(signature).Sha3Signature);

    /// <summary>Return data decoded as <paramref name="types"/> (comma-separated), in order.</summary>
    public static object?[] Decode(string types, ReadOnlySpan<byte> data)
    {
        var outputs = Parse($"f() returns ({types})").OutputParameters;
        return Decoder.DecodeDefaultData(data.ToArray(), outputs).OrderBy(o => o.Parameter.Order).Select(o => FromNethereum(o.Parameter.ABIType, o.Result)).ToArray();
    }

    private static FunctionABI Parse(string signature) =>
        ABIDeserialiserFactory.DeserialiseFunctionABI(signature.TrimStart().StartsWith("function ", StringComparison.Ordinal) ? signature : "function " + signature);

    private static object? ToNethereum(object? value) => value switch
    {
        Address address => address.ToString(),
        Hash32 hash => hash.ToBytes(),
        long number => new BigInteger(number),
        int number => new BigInteger(number),
        IEnumerable items and not string and not byte[] => items.Cast<object?>().Select(ToNethereum).ToArray(),
        _ => value,
    };

    private static object? FromNethereum(ABIType type, object? value) => (type, value) switch
    {
        (AddressType, string text) => Address.Parse(text),
        (ArrayType array, IEnumerable items) when value is not string and not byte[] => ToArray(array.ElementType, items),
        _ => value,
    };

    private static object ToArray(ABIType element, IEnumerable items)
    {
        var values = items.Cast<object?>().Select(i => FromNethereum(element, i)).ToList();
        return element switch
        {
            AddressType => values.Cast<Address>().ToArray(),
            IntType => values.Cast<BigInteger>().ToArray(),
            BoolType => values.Cast<bool>().ToArray(),
            _ => values.ToArray(),
        };
    }
}
