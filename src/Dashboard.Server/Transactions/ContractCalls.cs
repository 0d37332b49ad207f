using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Server.Transactions;

/// <summary>
/// View calls gathered and sent as one JSON-RPC batch: add each with <see cref="Add"/>, send, then read each result
/// by the index it was given. A call that reverts yields null (e.g. a view the contract on this network lacks).
/// </summary>
public sealed class ContractCalls(EthRpcClient rpc)
{
    private readonly List<(RpcRequest Request, string Returns)> _calls = [];
    private IReadOnlyList<RpcResult>? _results;

    public int Add(Address to, string signature, string returns, params object?[] arguments)
    {
        _calls.Add((new RpcRequest("eth_call", EthRpcClient.CallObject(new TransactionRequest { To = to, Data = FunctionCall.Encode(signature, arguments) }), "latest"), returns));
        return _calls.Count - 1;
    }

    public int AddBalance(Address account)
    {
        _calls.Add((new RpcRequest("eth_getBalance", account.ToLowerHex(), "latest"), "balance"));
        return _calls.Count - 1;
    }

    public async Task SendAsync(CancellationToken cancellationToken) =>
        _results = _calls.Count == 0 ? [] : await rpc.BatchAsync(_calls.Select(c => c.Request).ToList(), cancellationToken);

    /// <summary>The decoded return values of call <paramref name="index"/>, or null when it reverted.</summary>
    public object?[]? this[int index]
    {
        get
        {
            var result = (_results ?? throw new InvalidOperationException("Send the calls first."))[index];
            if (result.Error is { Kind: RpcErrorKind.ExecutionReverted })
            {
                return null;
            }

            var text = result.GetValueOrThrow().GetString()!;
            return _calls[index].Returns == "balance" ? [Hex.ParseBigQuantity(text)] : AbiCodec.Decode(_calls[index].Returns, Hex.Decode(text));
        }
    }

    public T Get<T>(int index, int position = 0) => (T)this[index]![position]!;
}
