using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Testing;

/// <summary>The tests' own reading of a contract view, to compare what the dashboard shows with what the chain says.</summary>
public static class ChainReads
{
    public static async Task<object?[]> ReadAsync(this EthRpcClient rpc, Address to, string signature, string returns, params object?[] arguments) =>
        SignatureCall.Decode(returns, await rpc.CallAsync(new TransactionRequest { To = to, Data = SignatureCall.Encode(signature, arguments) }));

    /// <summary>A view that returns one uint256 (or a bool, as 0 or 1).</summary>
    public static async Task<BigInteger> ReadUintAsync(this EthRpcClient rpc, Address to, string signature, params object?[] arguments) =>
        (BigInteger)(await rpc.ReadAsync(to, signature, "uint256", arguments))[0]!;
}
