using Dashboard.Ethereum.Crypto;

namespace Dashboard.Ethereum.Abi;

/// <summary>
/// Calldata from a signature string such as <c>setWhitelist(address,bool)</c> and the argument values — for
/// scripts and the devnet, where declaring a binding class for every admin call would add nothing.
/// </summary>
public static class FunctionCall
{
    public static byte[] Encode(string signature, params object?[] arguments)
    {
        var (canonical, types) = Parse(signature);
        var encoded = AbiCodec.Encode(types, arguments);
        var data = new byte[4 + encoded.Length];
        Keccak256.Hash(canonical).AsSpan(0, 4).CopyTo(data);
        encoded.CopyTo(data, 4);
        return data;
    }

    public static byte[] Selector(string signature) => Keccak256.Hash(Parse(signature).Canonical)[..4];

    private static (string Canonical, IReadOnlyList<AbiType> Types) Parse(string signature)
    {
        var open = signature.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !signature.EndsWith(')'))
        {
            throw new FormatException($"'{signature}' is not a function signature like name(type,type).");
        }

        var types = AbiCodec.ParseList(signature[(open + 1)..^1]);
        return (signature[..open] + "(" + string.Join(",", types.Select(t => t.Name)) + ")", types);
    }
}
