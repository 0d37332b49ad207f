using System.Text.Json;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Network;
using Dashboard.Devnet.Simulation;
using Dashboard.Data;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Tests.Indexing;

/// <summary>Two days of history for a reorg test class alone (each class gets its own: the tests rewrite both chains).</summary>
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

        var fork = await ChainFork.TakeAsync(devnet, devnet.Simulator);
        var forkedAt = fork.L2Block;

        // The branch that will be orphaned: 40 more L2 blocks (with an epoch change, fees, L1 actions), indexed.
        var interval = (long)IndexedHistory.Network.BlockInterval.TotalSeconds;
        await devnet.Simulator.RunHistoryAsync(devnet.Simulator.Model.Time + 40 * interval, CancellationToken.None);
        var orphanHead = (await devnet.L2.Rpc.GetBlockAsync("latest"))!;
        await history.WaitUntilIndexedAsync(history.ConnectionString);

        // Both chains go back and grow another branch: other blocks, another number of them.
        var branch = await fork.BranchAsync(seed: 99);
        await branch.RunHistoryAsync(branch.Model.Time + 25 * interval, CancellationToken.None);
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

/// <summary>
/// L2 events indexed ahead of the blocks, on a branch the chain then abandons: they must go, and the database must end
/// equal to a clean index of the final chains.
/// </summary>
public sealed class EventsFirstReorgTests(ReorgHistory history) : IClassFixture<ReorgHistory>
{

    [Fact]
    public async Task Events_indexed_ahead_of_the_blocks_on_an_abandoned_branch_are_discarded_and_the_end_equals_a_clean_index()
    {
        var devnet = history.Devnet;
        var fork = await ChainFork.TakeAsync(devnet, devnet.Simulator);
        var forkedAt = fork.L2Block;
        var interval = (long)IndexedHistory.Network.BlockInterval.TotalSeconds;
        await devnet.Simulator.RunHistoryAsync(devnet.Simulator.Model.Time + 40 * interval, CancellationToken.None);
        var orphanHead = (await devnet.L2.Rpc.GetBlockAsync("latest"))!;

        var database = await TestPostgres.CreateDatabaseAsync("eventsreorg");
        var cleanDatabase = await TestPostgres.CreateDatabaseAsync("eventsreorgclean");
        try
        {
            // Events first to the head of the branch that will be abandoned, the blocks far behind its fork point.
            await using var slow = new HostedRpcProxy(devnet.L2.RpcUrl, callsPerSecond: 15, maxLogRange: null);
            var eventsFirst = new Dictionary<string, string?> { ["Network:L2:EventsFirstAfter"] = "1", ["Network:L2:BlockBatch"] = "10" };
            await using (var server = history.StartServer(database, new Dictionary<string, string?>(eventsFirst)
            {
                ["Network:L2:RpcUrl"] = slow.Url.ToString(), ["Network:L2:RequestsPerSecond"] = "15",
            }))
            {
                server.CreateClient().Dispose();
                await using var db = new DashboardDb(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(database).Options);
                var deadline = DateTime.UtcNow.AddMinutes(2);
                while (await db.Checkpoints.AsNoTracking().Where(c => c.Stream == "events").Select(c => (long?)c.BlockNumber).FirstOrDefaultAsync() != orphanHead.Number)
                {
                    Assert.True(DateTime.UtcNow < deadline, "the events pass did not reach the branch's head");
                    await Task.Delay(100);
                }

                var blocks = await db.Checkpoints.AsNoTracking().Where(c => c.ChainId == devnet.Manifest.L2.ChainId && c.Stream == "chain").Select(c => (long?)c.BlockNumber).FirstOrDefaultAsync();
                Assert.True(blocks is null || blocks < forkedAt, $"the blocks were already at {blocks}, past the fork at {forkedAt}");
            }

            // Both chains go back and grow another, shorter branch; the server comes back to it.
            var branch = await fork.BranchAsync(seed: 77);
            await branch.RunHistoryAsync(branch.Model.Time + 25 * interval, CancellationToken.None);
            await devnet.L1.Rpc.MineAsync(3);
            Assert.NotEqual(orphanHead.Hash, (await devnet.L2.Rpc.GetBlockAsync(orphanHead.Number))?.Hash);

            await using (var server = history.StartServer(database, eventsFirst))
            {
                server.CreateClient().Dispose();
                await history.WaitUntilIndexedAsync(database, TimeSpan.FromMinutes(3));
            }

            await using (var server = history.StartServer(cleanDatabase))
            {
                server.CreateClient().Dispose();
                await history.WaitUntilIndexedAsync(cleanDatabase, TimeSpan.FromMinutes(3));
            }

            Assert.Equal(await DatabaseFingerprint.ComputeAsync(cleanDatabase), await DatabaseFingerprint.ComputeAsync(database));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
            await TestPostgres.DropDatabaseAsync(cleanDatabase);
        }
    }
}
