using Nethereum.Contracts;
using Nethereum.Contracts.CQS;

namespace Dashboard.Ethereum.Abi;

/// <summary>A function message's calldata and back: Nethereum's encoding, with the selector worked out once per message type.</summary>
public static class Calldata
{
    public static byte[] Of<TFunction>(TFunction function) where TFunction : FunctionMessage => function.GetCallData();

    /// <summary>True when <paramref name="input"/> is a call to <typeparamref name="TFunction"/> (its 4-byte selector).</summary>
    public static bool IsFor<TFunction>(ReadOnlySpan<byte> input) where TFunction : FunctionMessage, new() =>
        input.Length >= 4 && input[..4].SequenceEqual(Selector<TFunction>.Bytes);

    /// <summary>The arguments of a call to <typeparamref name="TFunction"/> (transaction input).</summary>
    public static TFunction Decode<TFunction>(ReadOnlySpan<byte> input) where TFunction : FunctionMessage, new()
    {
        if (!IsFor<TFunction>(input))
        {
            throw new AbiDecodingException($"The transaction input is not a call to {Selector<TFunction>.Name}.");
        }

        try
        {
            return new TFunction().DecodeInput(Hex.Encode(input));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IndexOutOfRangeException or InvalidCastException or OverflowException)
        {
            throw new AbiDecodingException($"The transaction input does not decode as {Selector<TFunction>.Name}: {ex.Message}");
        }
    }

    private static class Selector<TFunction> where TFunction : FunctionMessage
    {
        private static readonly Nethereum.ABI.Model.FunctionABI Abi = ABITypedRegistry.GetFunctionABI<TFunction>();

        public static readonly byte[] Bytes = Convert.FromHexString(Abi.Sha3Signature);

        public static readonly string Name = Abi.Name;
    }
}
