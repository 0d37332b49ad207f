using System.Numerics;
using Dashboard.Ethereum.Abi;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Ethereum.Rpc;

/// <summary>
/// The one way to read contract views: typed Nethereum function messages, answered into <see cref="FunctionOutputAttribute"/>
/// classes (named fields, not positions) or single values, sent together as one JSON-RPC batch over our transport.
/// Add the calls, send, then read each <see cref="ViewResult{T}"/>; a view that reverts (one the contract on this
/// network lacks, say) reads as <see cref="ViewResult{T}.Reverted"/> instead of failing the batch.
/// </summary>
public sealed class ViewBatch(EthRpcClient rpc, string block = "latest")
{
    private static readonly FunctionCallDecoder Decoder = new();
    private readonly List<(RpcRequest Request, Action<RpcResult> Complete)> _calls = [];

    public int Count => _calls.Count;

    /// <summary>A view whose outputs fill a <typeparamref name="TOutput"/> class.</summary>
    public ViewResult<TOutput> Add<TFunction, TOutput>(Address contract, TFunction function)
        where TFunction : FunctionMessage
        where TOutput : IFunctionOutputDTO, new()
    {
        var result = new ViewResult<TOutput>();
        Enqueue(contract, function, hex => result.Set(new TOutput().DecodeOutput(hex)), result.SetReverted);
        return result;
    }

    /// <summary>A view that returns one value (uint256 as BigInteger, bool, address as string…), per the function's declared output.</summary>
    public ViewResult<TValue> Value<TFunction, TValue>(Address contract, TFunction function)
        where TFunction : FunctionMessage
    {
        var result = new ViewResult<TValue>();
        var output = ABITypedRegistry.GetFunctionABI<TFunction>().OutputParameters.Single();
        Enqueue(contract, function, hex => result.Set(Decoder.DecodeSimpleTypeOutput<TValue>(output, hex)), result.SetReverted);
        return result;
    }

    /// <inheritdoc cref="Value{TFunction,TValue}(Address,TFunction)"/>
    public ViewResult<TValue> Value<TFunction, TValue>(Address contract)
        where TFunction : FunctionMessage, new() =>
        Value<TFunction, TValue>(contract, new TFunction());

    /// <summary>The native balance of an account (eth_getBalance).</summary>
    public ViewResult<BigInteger> Balance(Address account)
    {
        var result = new ViewResult<BigInteger>();
        _calls.Add((new RpcRequest("eth_getBalance", account.ToLowerHex(), block), r => result.Set(Hex.ParseBigQuantity(r.GetValueOrThrow().GetString()!))));
        return result;
    }

    /// <summary>Sends every call added so far in one batch (split by the client's batch size) and fills their results.</summary>
    public async Task SendAsync(CancellationToken cancellationToken)
    {
        if (_calls.Count == 0)
        {
            return;
        }

        var answers = await rpc.BatchAsync(_calls.Select(c => c.Request).ToList(), cancellationToken);
        for (var i = 0; i < answers.Count; i++)
        {
            _calls[i].Complete(answers[i]);
        }

        _calls.Clear();
    }

    private void Enqueue<TFunction>(Address contract, TFunction function, Action<string> decode, Action reverted) where TFunction : FunctionMessage
    {
        var call = new TransactionRequest { To = contract, Data = Calldata.Of(function) };
        _calls.Add((new RpcRequest("eth_call", EthRpcClient.CallObject(call), block), answer =>
        {
            if (answer.Error is { Kind: RpcErrorKind.ExecutionReverted })
            {
                reverted();
                return;
            }

            var hex = answer.GetValueOrThrow().GetString()!;
            // An address without code answers 0x: the contract is not there (a wrong address, or the wrong chain).
            if (hex is "0x" or "")
            {
                reverted();
                return;
            }

            decode(hex);
        }));
    }
}
