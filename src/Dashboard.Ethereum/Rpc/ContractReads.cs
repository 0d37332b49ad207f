using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Ethereum.Rpc;

/// <summary>One typed view, read on its own: a <see cref="ViewBatch"/> of one. A revert here is an error.</summary>
public static class ContractReads
{
    public static async Task<TOutput> ReadAsync<TFunction, TOutput>(this EthRpcClient rpc, Address contract, TFunction function, CancellationToken cancellationToken = default)
        where TFunction : FunctionMessage
        where TOutput : IFunctionOutputDTO, new()
    {
        var batch = new ViewBatch(rpc);
        var result = batch.Add<TFunction, TOutput>(contract, function);
        await batch.SendAsync(cancellationToken);
        return Unwrap(result, contract, typeof(TFunction));
    }

    public static async Task<TValue> ReadValueAsync<TFunction, TValue>(this EthRpcClient rpc, Address contract, TFunction function, CancellationToken cancellationToken = default)
        where TFunction : FunctionMessage
    {
        var batch = new ViewBatch(rpc);
        var result = batch.Value<TFunction, TValue>(contract, function);
        await batch.SendAsync(cancellationToken);
        return Unwrap(result, contract, typeof(TFunction));
    }

    public static Task<TValue> ReadValueAsync<TFunction, TValue>(this EthRpcClient rpc, Address contract, CancellationToken cancellationToken = default)
        where TFunction : FunctionMessage, new() =>
        rpc.ReadValueAsync<TFunction, TValue>(contract, new TFunction(), cancellationToken);

    private static T Unwrap<T>(ViewResult<T> result, Address contract, Type function) =>
        result.Reverted
            ? throw new RpcException(RpcErrorKind.ExecutionReverted, "eth_call", $"{ABITypedRegistry.GetFunctionABI(function).Name} at {contract} reverted (or {contract} has no code).")
            : result.Value;
}
