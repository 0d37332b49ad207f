using System.Numerics;
using Dashboard.Devnet.Contracts;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Nethereum.Contracts;

namespace Dashboard.Devnet.Chains;

/// <summary>
/// Sends transactions from accounts anvil holds or impersonates (devnet only: the server never holds a user's
/// key) and waits for their receipts. A revert becomes an exception that names the call. A fixed
/// <c>gasPrice</c> is needed where the base fee is 0 (our L2), since the node's own fee guess fails there.
/// </summary>
public sealed class ChainWriter(EthRpcClient rpc, string chainName, BigInteger? gasPrice = null)
{
    public EthRpcClient Rpc => rpc;

    public string ChainName => chainName;

    public async Task<TransactionReceipt> SendAsync(Address from, Address to, byte[] data, BigInteger? value = null, string? what = null, CancellationToken cancellationToken = default)
    {
        var call = new TransactionRequest { From = from, To = to, Data = data, Value = value, GasPrice = gasPrice };
        Hash32 hash;
        try
        {
            hash = await rpc.SendTransactionAsync(await WithGasLimitAsync(call, cancellationToken), cancellationToken);
        }
        catch (RpcException ex) when (ex.Kind == RpcErrorKind.ExecutionReverted)
        {
            throw new TransactionFailedException($"{chainName}: {what ?? "transaction"} from {from} to {to} reverted.", ex.Data);
        }

        var receipt = await rpc.WaitForReceiptAsync(hash, TimeSpan.FromSeconds(60), cancellationToken);
        if (!receipt.Succeeded)
        {
            var revertData = await ReplayForRevertDataAsync(call, cancellationToken);
            throw new TransactionFailedException($"{chainName}: {what ?? "transaction"} {hash} from {from} to {to} failed (status 0).", revertData);
        }

        return receipt;
    }

    public Task<TransactionReceipt> SendAsync<TFunction>(Address from, Address to, TFunction call, BigInteger? value = null, CancellationToken cancellationToken = default)
        where TFunction : FunctionMessage =>
        SendAsync(from, to, Calldata.Of(call), value, typeof(TFunction).Name, cancellationToken);

    // Left to itself, anvil sizes an eth_sendTransaction's gas limit with an estimate against the latest block, while
    // the transaction runs in the next one. Gas that depends on block.number then comes out wrong: writing
    // block.number into a slot that holds the latest block's number looks 2,800 gas cheaper than it will be, so two
    // reward batches in consecutive blocks run out of gas (status 0, no revert data). eth_estimateGas without a block
    // tag estimates against the pending block; the margin covers what may still differ (e.g. the timestamp).
    private async Task<TransactionRequest> WithGasLimitAsync(TransactionRequest request, CancellationToken cancellationToken)
    {
        var estimate = await rpc.EstimateGasAsync(request, cancellationToken);
        // Estimating first also yields the revert data when the call would fail.
        return request with { Gas = estimate * 13 / 10 + 10_000 };
    }

    // anvil mines a reverting transaction (status 0) without saying why; the same call at the latest state
    // (which the failed transaction left unchanged) returns the revert data.
    private async Task<string?> ReplayForRevertDataAsync(TransactionRequest call, CancellationToken cancellationToken)
    {
        try
        {
            await rpc.CallAsync(call, "latest", cancellationToken);
            return null;
        }
        catch (RpcException ex) when (ex.Kind == RpcErrorKind.ExecutionReverted)
        {
            return ex.Data;
        }
    }

    /// <summary>Sends a call given as a signature string, e.g. <c>setWhitelist(address,bool)</c>.</summary>
    public Task<TransactionReceipt> SendAsync(Address from, Address to, string signature, params object?[] arguments) =>
        SendAsync(from, to, SignatureCall.Encode(signature, arguments), null, signature);

    /// <summary>Sends a payable call given as a signature string.</summary>
    public Task<TransactionReceipt> SendWithValueAsync(Address from, Address to, BigInteger value, string signature, params object?[] arguments) =>
        SendAsync(from, to, SignatureCall.Encode(signature, arguments), value, signature);

    /// <summary>eth_call of a view given as a signature, decoded as <paramref name="returns"/> (e.g. <c>uint256,address</c>).</summary>
    public async Task<object?[]> ReadAsync(Address to, string signature, string returns, params object?[] arguments)
    {
        var output = await rpc.CallAsync(new TransactionRequest { To = to, Data = SignatureCall.Encode(signature, arguments) });
        return SignatureCall.Decode(returns, output);
    }

    /// <summary>Deploys <paramref name="artifact"/> with ABI-encoded constructor arguments; returns the new address.</summary>
    public async Task<Address> DeployAsync(Address from, ContractArtifact artifact, string constructorTypes = "", object?[]? constructorArguments = null, CancellationToken cancellationToken = default)
    {
        var arguments = SignatureCall.EncodeArguments(constructorTypes, constructorArguments ?? []);
        var data = new byte[artifact.Bytecode.Length + arguments.Length];
        artifact.Bytecode.CopyTo(data, 0);
        arguments.CopyTo(data, artifact.Bytecode.Length);
        Hash32 hash;
        try
        {
            hash = await rpc.SendTransactionAsync(await WithGasLimitAsync(new TransactionRequest { From = from, Data = data, GasPrice = gasPrice }, cancellationToken), cancellationToken);
        }
        catch (RpcException ex) when (ex.Kind == RpcErrorKind.ExecutionReverted)
        {
            throw new TransactionFailedException($"{chainName}: deploying {artifact.ContractName} reverted: {ex.Detail}", ex.Data);
        }

        var receipt = await rpc.WaitForReceiptAsync(hash, TimeSpan.FromSeconds(60), cancellationToken);
        return receipt is { Succeeded: true, ContractAddress: { } address }
            ? address
            : throw new TransactionFailedException($"{chainName}: deploying {artifact.ContractName} failed.", null);
    }
}
