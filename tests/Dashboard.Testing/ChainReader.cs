using System.Numerics;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Contracts.SequencerSet;
using Dashboard.Core.Chains;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Testing;

/// <summary>Reads what the tests check straight from the chains, independently of the simulator's own model.</summary>
public static class ChainReader
{
    public sealed record Epoch(long Id, Address Signer, long Start, long End);

    public static async Task<IReadOnlyList<Epoch>> EpochsAsync(LocalDevnet devnet)
    {
        var set = devnet.Manifest.L2.Contract(ContractNames.MetisSequencerSet).Address;
        var current = (long)(BigInteger)(await devnet.L2Writer.ReadAsync(set, "currentEpochNumber()", "uint256"))[0]!;
        var views = new ViewBatch(devnet.L2.Rpc);
        var epochs = Enumerable.Range(0, (int)current + 1).Select(i => views.Add<EpochsFunction, EpochOutput>(set, new EpochsFunction { EpochId = i })).ToList();
        await views.SendAsync(CancellationToken.None);
        return epochs.Select(e => new Epoch((long)e.Value.Number, Address.Parse(e.Value.Signer), (long)e.Value.StartBlock, (long)e.Value.EndBlock)).ToList();
    }

    public static async Task<IReadOnlyList<(Log Log, T Event)>> EventsAsync<T>(EthRpcClient rpc, Address contract) where T : Nethereum.ABI.FunctionEncoding.Attributes.IEventDTO, new()
    {
        var definition = EventDecoder<T>.Instance;
        var head = await rpc.BlockNumberAsync();
        var logs = await rpc.GetLogsAsync(new LogFilter(0, head, [contract]) { Topic0 = [definition.Topic0] });
        return logs.Select(l => (l, definition.Decode(l))).ToList();
    }

    /// <summary>signer → sequencer id, from Locked and SignerChange on L1 (a signer belongs to one sequencer forever).</summary>
    public static async Task<Dictionary<Address, long>> SignersAsync(LocalDevnet devnet)
    {
        var info = devnet.Manifest.L1.Contract(ContractNames.LockingInfo).Address;
        var map = (await EventsAsync<LockedEvent>(devnet.L1.Rpc, info)).ToDictionary(e => Address.Parse(e.Event.Signer), e => (long)e.Event.SequencerId);
        foreach (var (_, change) in await EventsAsync<SignerChangeEvent>(devnet.L1.Rpc, info))
        {
            map[Address.Parse(change.NewSigner)] = (long)change.SequencerId;
        }

        return map;
    }
}
