using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Api;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Network;
using Dashboard.Devnet.Simulation;
using Dashboard.Testing;

namespace Dashboard.Server.Tests.Indexing;

/// <summary>
/// Reorgs of many depths on both chains, one after another, each replaying other blocks on the new branch (the
/// simulator with another seed: other epochs and recommits, reward batches, delegations and L1 actions on each side):
/// after each, the database equals a clean index of the final chains row for row — the stats job's derived tables too,
/// the job having run on the abandoned branch — and the API serves the new branch.
/// DASHBOARD_REORG_DEPTHS sets the depths in L2 blocks ("1-64" for every one; bench/run.sh reorgs).
/// </summary>
public sealed class ReorgDepthTests(ReorgHistory history) : IClassFixture<ReorgHistory>
{
    private static List<int> Depths()
    {
        var setting = Environment.GetEnvironmentVariable("DASHBOARD_REORG_DEPTHS");
        if (setting is { } range && range.Split('-') is [var from, var to])
        {
            return Enumerable.Range(int.Parse(from, System.Globalization.CultureInfo.InvariantCulture), int.Parse(to, System.Globalization.CultureInfo.InvariantCulture) - int.Parse(from, System.Globalization.CultureInfo.InvariantCulture) + 1).ToList();
        }

        return [1, 7, 64];
    }

    [Fact]
    public async Task After_reorgs_of_every_depth_the_database_equals_a_clean_index_of_the_final_chains()
    {
        var devnet = history.Devnet;
        var interval = (long)IndexedHistory.Network.BlockInterval.TotalSeconds;
        var simulator = devnet.Simulator;
        var clean = await TestPostgres.CreateDatabaseAsync("reorgclean");
        var results = new List<string>();
        try
        {
            await using var server = history.StartServer(history.ConnectionString);
            using var client = server.CreateClient();
            await history.WaitUntilIndexedAsync(history.ConnectionString);
            for (var i = 0; i < Depths().Count; i++)
            {
                var depth = Depths()[i];
                var fork = await ChainFork.TakeAsync(devnet, simulator);
                var (forkL1, forkL2) = (fork.L1Block, fork.L2Block);

                // The branch to be abandoned: `depth` L2 blocks (with the L1 actions of their time), and L1 made at
                // least `depth` blocks deep too; indexed.
                while (await devnet.L2.Rpc.BlockNumberAsync() - forkL2 < depth)
                {
                    await simulator.RunHistoryAsync(simulator.Model.Time + interval, CancellationToken.None);
                }

                var orphan = (await devnet.L2.Rpc.GetBlockAsync("latest"))!;
                var short1 = depth - (await devnet.L1.Rpc.BlockNumberAsync() - forkL1);
                if (short1 > 0)
                {
                    await devnet.L1.Rpc.MineAsync((int)short1);
                }

                var orphanL1 = await devnet.L1.Rpc.BlockNumberAsync();
                await history.WaitUntilIndexedAsync(history.ConnectionString);
                // The stats job's passes see the branch that will be abandoned (anomalies, fairness counts, sandwiches).
                await history.RunStatsAsync(history.ConnectionString);

                // Back to the fork, and another branch of the same length or one more, from another seed.
                simulator = await fork.BranchAsync(seed: 1000 + i);
                while (await devnet.L2.Rpc.BlockNumberAsync() - forkL2 < depth + (i % 2))
                {
                    await simulator.RunHistoryAsync(simulator.Model.Time + interval, CancellationToken.None);
                }

                await devnet.L1.Rpc.MineAsync(1 + (i % 3));
                Assert.NotEqual(orphan.Hash, (await devnet.L2.Rpc.GetBlockAsync(orphan.Number))?.Hash);
                await history.WaitUntilIndexedAsync(history.ConnectionString);

                // The API serves the canonical chain only: no answer from the abandoned branch, cached or not.
                var page = await client.GetFromJsonAsync<PageOf<BlockItem>>("/api/blocks?pageSize=5", ApiJson.Options);
                foreach (var item in page!.Items)
                {
                    Assert.Equal((await devnet.L2.Rpc.GetBlockAsync(item.Number))!.Hash.ToString(), item.Hash);
                }

                // Row for row, against an index of the final chains from nothing.
                await TestPostgres.DropDatabaseAsync(clean);
                clean = await TestPostgres.CreateDatabaseAsync("reorgclean");
                await using (var fresh = history.StartServer(clean))
                {
                    fresh.CreateClient().Dispose();
                    await history.WaitUntilIndexedAsync(clean);
                }

                // Both databases' stats job run once more: what it derived from the abandoned branch must be gone.
                await history.RunStatsAsync(history.ConnectionString);
                await history.RunStatsAsync(clean);
                var expected = await DatabaseFingerprint.ComputeAsync(clean, derived: true);
                var actual = await DatabaseFingerprint.ComputeAsync(history.ConnectionString, derived: true);
                // Rows to compare: the history has anomalies, fairness counts and sandwiches (the digest starts with the row count).
                foreach (var table in new[] { "liveness_anomalies", "epoch_fairness", "sandwiches", "epoch_commit_timing" })
                {
                    Assert.False(expected[table].StartsWith("0:", StringComparison.Ordinal), $"the clean index has no {table} to compare");
                }

                var differing = expected.Where(e => actual[e.Key] != e.Value).Select(e => e.Key).ToList();
                results.Add($"depth {depth}: L2 {orphan.Number - forkL2} blocks replaced, L1 {orphanL1 - forkL1}; tables differing: {differing.Count}{(differing.Count > 0 ? " (" + string.Join(", ", differing) + ")" : "")}");
                foreach (var table in differing)
                {
                    results.Add("  " + await DatabaseFingerprint.DiffAsync(table, clean, history.ConnectionString));
                }

                Console.WriteLine(string.Join("\n", results.TakeLast(1 + differing.Count)));
                Assert.True(differing.Count == 0, string.Join("\n", results));
            }
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(clean);
        }
    }
}
