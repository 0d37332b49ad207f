using System.Numerics;
using Dashboard.Core.Chains;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Devnet.Tests;

/// <summary>Reads what the tests check straight from the chains, independently of the simulator's own model.</summary>
internal static class ChainReader
{
    public sealed record Epoch(long Id, Address Signer, long Start, long End);

    public static async Task<IReadOnlyList<Epoch>> EpochsAsync(LocalDevnet devnet)
    {
        var set = devnet.Manifest.L2.Contract(ContractNames.MetisSequencerSet).Address;
        var current = (long)(BigInteger)(await devnet.L2Writer.ReadAsync(set, "currentEpochNumber()", "uint256"))[0]!;
        var requests = Enumerable.Range(0, (int)current + 1)
            .Select(i => new RpcRequest("eth_call", EthRpcClient.CallObject(new TransactionRequest { To = set, Data = FunctionCall.Encode("epochs(uint256)", new BigInteger(i)) }), "latest"))
            .ToArray();
        var results = await devnet.L2.Rpc.BatchAsync(requests);
        return results.Select(r =>
        {
            var values = AbiCodec.Decode("uint256,address,uint256,uint256", Hex.Decode(r.GetValueOrThrow().GetString()!));
            return new Epoch((long)(BigInteger)values[0]!, (Address)values[1]!, (long)(BigInteger)values[2]!, (long)(BigInteger)values[3]!);
        }).ToList();
    }

    public static async Task<IReadOnlyList<(Log Log, T Event)>> EventsAsync<T>(EthRpcClient rpc, Address contract) where T : class, new()
    {
        var definition = EventDefinition<T>.Instance;
        var head = await rpc.BlockNumberAsync();
        var logs = await rpc.GetLogsAsync(new LogFilter(0, head, [contract]) { Topic0 = [definition.Topic0] });
        return logs.Select(l => (l, definition.Decode(l))).ToList();
    }
}
