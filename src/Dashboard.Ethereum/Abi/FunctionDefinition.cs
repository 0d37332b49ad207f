using System.Reflection;
using Dashboard.Ethereum.Crypto;

namespace Dashboard.Ethereum.Abi;

/// <summary>
/// The ABI of one function, read from a class declared with <see cref="FunctionAttribute"/>: selector, calldata
/// encoding of an instance, decoding of transaction input back into an instance, and decoding of return data.
/// </summary>
public sealed class FunctionDefinition<T> where T : class, new()
{
    public static FunctionDefinition<T> Instance { get; } = new();

    private readonly AbiMembers _members;
    private readonly AbiType[] _types;

    private FunctionDefinition()
    {
        var attribute = typeof(T).GetCustomAttribute<FunctionAttribute>()
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no [Function] attribute.");
        _members = AbiMembers.Of(typeof(T));
        _types = _members.Parameters.Select(p => p.AbiType).ToArray();
        Name = attribute.Name;
        Signature = _members.Signature(Name);
        Selector = Keccak256.Hash(Signature)[..4];
        ReturnTypes = AbiCodec.ParseList(attribute.Returns);
    }

    public string Name { get; }

    public string Signature { get; }

    public byte[] Selector { get; }

    public IReadOnlyList<AbiType> ReturnTypes { get; }

    public byte[] Encode(T call)
    {
        var arguments = AbiCodec.Encode(_types, _members.Read(call));
        var data = new byte[4 + arguments.Length];
        Selector.CopyTo(data, 0);
        arguments.CopyTo(data, 4);
        return data;
    }

    public bool IsInputFor(ReadOnlySpan<byte> input) => input.Length >= 4 && input[..4].SequenceEqual(Selector);

    public T DecodeInput(ReadOnlySpan<byte> input)
    {
        if (!IsInputFor(input))
        {
            throw new AbiDecodingException($"The transaction input is not a call to {Signature}.");
        }

        var values = AbiCodec.Decode(_types, input[4..]);
        return (T)_members.Create(values, _members.Parameters);
    }

    /// <summary>Return data decoded as the declared <see cref="FunctionAttribute.Returns"/> types.</summary>
    public object?[] DecodeReturn(ReadOnlySpan<byte> output) => AbiCodec.Decode(ReturnTypes, output);

    /// <summary>Return data decoded into an output class whose properties carry <see cref="ParameterAttribute"/>.</summary>
    public TOutput DecodeReturn<TOutput>(ReadOnlySpan<byte> output) where TOutput : class, new()
    {
        var members = AbiMembers.Of(typeof(TOutput));
        var values = AbiCodec.Decode(members.Parameters.Select(p => p.AbiType).ToArray(), output);
        return (TOutput)members.Create(values, members.Parameters);
    }
}
