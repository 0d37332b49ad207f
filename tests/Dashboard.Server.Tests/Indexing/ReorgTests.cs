using System.Text.Json;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Network;
using Dashboard.Devnet.Simulation;

namespace Dashboard.Server.Tests.Indexing;

/// <summary>A history for the reorg test alone (the test rewrites both chains).</summary>
public sealed class ReorgHistory : IndexedHistory
{
    protected override TimeSpan History => TimeSpan.FromDays(2);
}

/// <summary>
/// Both chains drop their last blocks for another branch while the server runs; the database must end equal to
/// the canonical chains, every projection included.
/// </summary>
public sealed class ReorgTests(ReorgHistory history) : IClassFixture<ReorgHistory>
{
    [Fact]
    public async Task Reorg_on_both_chains_leaves_the_database_equal_to_the_canonical_chains()
    {
        var devnet = history.Devnet;
        await using var server = history.StartServer(history.ConnectionString);
        server.CreateClient().Dispose();
        await history.WaitUntilIndexedAsync(history.ConnectionString);

        var l1Snapshot = await devnet.L1.Rpc.SnapshotAsync();
        var l2Snapshot = await devnet.L2.Rpc.SnapshotAsync();
        var saved = JsonSerializer.Serialize(devnet.Simulator.Model, NetworkModel.Json);
        var forkedAt = await devnet.L2.Rpc.BlockNumberAsync();

        // The branch that will be orphaned: 40 more L2 blocks (with an epoch change, fees, L1 actions), indexed.
        var interval = (long)IndexedHistory.Network.BlockInterval.TotalSeconds;
        await devnet.Simulator.RunHistoryAsync(devnet.Simulator.Model.Time + 40 * interval, CancellationToken.None);
        var orphanHead = (await devnet.L2.Rpc.GetBlockAsync("latest"))!;
        await history.WaitUntilIndexedAsync(history.ConnectionString);

        // Both chains go back and grow another branch: other blocks, another number of them.
        Assert.True(await devnet.L1.Rpc.RevertAsync(l1Snapshot));
        Assert.True(await devnet.L2.Rpc.RevertAsync(l2Snapshot));
        var model = JsonSerializer.Deserialize<NetworkModel>(saved, NetworkModel.Json)!;
        var branch = await NetworkSimulator.ResumeAsync(devnet.L1Writer, devnet.L2Writer, devnet.Manifest, devnet.Accounts,
            IndexedHistory.Network with { Seed = 99 }, model, _ => { }, CancellationToken.None);
        await branch.RunHistoryAsync(model.Time + 25 * interval, CancellationToken.None);
        await devnet.L1.Rpc.MineAsync(3);

        var canonical = (await devnet.L2.Rpc.GetBlockAsync(forkedAt + 1))!;
        Assert.NotEqual(orphanHead.Hash, (await devnet.L2.Rpc.GetBlockAsync(orphanHead.Number))?.Hash);
        await history.WaitUntilIndexedAsync(history.ConnectionString);
        await history.RunStatsAsync(history.ConnectionString);

        var problems = await new ChainAudit(devnet, history.ConnectionString).RunAsync(history.StallSeconds);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)));
        Assert.NotEqual(Ethereum.Hash32.Zero, canonical.Hash);
    }
}
