using System.Text.Json;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Network;
using Dashboard.Devnet.Simulation;

namespace Dashboard.Server.Tests.Indexing;

/// <summary>
/// Both devnet chains and the simulator's model as they stand now: a branch grown after it can be abandoned by going
/// back here and growing another one, from another seed (other blocks, epochs, recommits, batches, delegations).
/// </summary>
public sealed class ChainFork
{
    private readonly LocalDevnet _devnet;
    private readonly string _l1Snapshot;
    private readonly string _l2Snapshot;
    private readonly string _model;

    private ChainFork(LocalDevnet devnet, string l1Snapshot, string l2Snapshot, string model, long l1Block, long l2Block)
    {
        (_devnet, _l1Snapshot, _l2Snapshot, _model, L1Block, L2Block) = (devnet, l1Snapshot, l2Snapshot, model, l1Block, l2Block);
    }

    /// <summary>The L1 head at the fork.</summary>
    public long L1Block { get; }

    /// <summary>The L2 head at the fork.</summary>
    public long L2Block { get; }

    public static async Task<ChainFork> TakeAsync(LocalDevnet devnet, NetworkSimulator simulator) =>
        new(devnet, await devnet.L1.Rpc.SnapshotAsync(), await devnet.L2.Rpc.SnapshotAsync(), JsonSerializer.Serialize(simulator.Model, NetworkModel.Json),
            await devnet.L1.Rpc.BlockNumberAsync(), await devnet.L2.Rpc.BlockNumberAsync());

    /// <summary>Back to the fork on both chains; the simulator that grows the other branch, seeded with <paramref name="seed"/>.</summary>
    public async Task<NetworkSimulator> BranchAsync(int seed)
    {
        Assert.True(await _devnet.L1.Rpc.RevertAsync(_l1Snapshot));
        Assert.True(await _devnet.L2.Rpc.RevertAsync(_l2Snapshot));
        var model = JsonSerializer.Deserialize<NetworkModel>(_model, NetworkModel.Json)!;
        return await NetworkSimulator.ResumeAsync(_devnet.L1Writer, _devnet.L2Writer, _devnet.Manifest, _devnet.Accounts,
            IndexedHistory.Network with { Seed = seed }, model, _ => { }, CancellationToken.None);
    }
}
