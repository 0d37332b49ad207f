using System.Numerics;
using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Tests.Indexing;

/// <summary>Every projection, after indexing a simulated history, against values computed from the chains in the test.</summary>
public sealed class ProjectionTests(IndexedHistory history) : IClassFixture<IndexedHistory>
{
    [Fact]
    public async Task Every_projection_matches_what_the_chains_say()
    {
        var problems = await new ChainAudit(history.Devnet, history.ConnectionString).RunAsync(history.StallSeconds);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)));
    }

    [Fact]
    public async Task A_backfill_through_a_rate_limited_provider_slows_down_and_ends_equal_to_the_chains()
    {
        // Both chains behind a provider that allows 60 calls a second (429 + Retry-After beyond) and 40-block log ranges.
        await using var l1 = new HostedRpcProxy(history.Devnet.L1.RpcUrl, callsPerSecond: 60, maxLogRange: 40);
        await using var l2 = new HostedRpcProxy(history.Devnet.L2.RpcUrl, callsPerSecond: 60, maxLogRange: 40);
        var database = await TestPostgres.CreateDatabaseAsync("ratelimited");
        try
        {
            var seen = new List<Dashboard.Core.Api.ChainFreshness>();
            await using (var server = history.StartServer(database, new Dictionary<string, string?>
            {
                ["Network:L1:RpcUrl"] = l1.Url.ToString(),
                ["Network:L2:RpcUrl"] = l2.Url.ToString(),
                ["Network:L2:BlockBatch"] = "100",
            }))
            {
                using var client = server.CreateClient();
                seen.AddRange(await WatchHealthUntilIndexedAsync(client, database));
            }

            // It was refused, slowed down, and said so on the health endpoint while it happened; nothing failed for it.
            Assert.True(l2.RateLimited > 0, "the provider refused some requests for rate");
            Assert.True(l1.RangeRefused + l2.RangeRefused > 0, "log ranges were refused and shrunk");
            Assert.Contains(seen, c => c.RateLimited > 0 && c.RequestRate is > 0 and < 60);
            Assert.Contains(seen, c => c.State == "syncing" && c.EstimatedSecondsLeft > 0);
            Assert.DoesNotContain(seen, c => c.State == "error");

            await history.RunStatsAsync(database);
            var problems = await new ChainAudit(history.Devnet, database).RunAsync(history.StallSeconds);
            Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Events_first_epochs_and_uptime_are_right_before_the_blocks_arrive_and_the_end_equals_a_clean_run_row_for_row()
    {
        // L2 behind a provider that allows 40 calls a second; the events pass takes a few of them per thousand blocks,
        // the blocks two per block.
        await using var l2 = new HostedRpcProxy(history.Devnet.L2.RpcUrl, callsPerSecond: 40, maxLogRange: null);
        var database = await TestPostgres.CreateDatabaseAsync("eventsfirst");
        var l2Id = history.Devnet.Manifest.L2.ChainId;
        try
        {
            var head = (await history.Devnet.L2.Rpc.GetBlockAsync("latest"))!.Number;
            await using var clean = new DashboardDb(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(history.ConnectionString).Options);
            var epochs = await clean.Epochs.CountAsync();
            var cleanUptime = await clean.SequencerStats.AsNoTracking().Where(s => s.TimeWindow == "all")
                .OrderBy(s => s.SequencerId).Select(s => new { s.SequencerId, s.AssignedBlocks, s.ProducedBlocks }).ToListAsync();
            Dashboard.Core.Api.ChainFreshness? ahead = null;
            await using (var server = history.StartServer(database, new Dictionary<string, string?>
            {
                ["Network:L2:RpcUrl"] = l2.Url.ToString(),
                ["Network:L2:RequestsPerSecond"] = "40",
                ["Network:L2:BlockBatch"] = "20",
                ["Network:L2:EventsFirstAfter"] = "1",
            }))
            {
                using var client = server.CreateClient();
                await using var db = new DashboardDb(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(database).Options);
                // The events reach the head first: every epoch is there while most blocks are not yet.
                var deadline = DateTime.UtcNow.AddMinutes(2);
                while (await db.Checkpoints.AsNoTracking().Where(c => c.ChainId == l2Id && c.Stream == "events").Select(c => (long?)c.BlockNumber).FirstOrDefaultAsync() != head)
                {
                    Assert.True(DateTime.UtcNow < deadline, "the events pass did not reach the L2 head");
                    await Task.Delay(100);
                }

                var blocksThen = await db.L2Blocks.CountAsync();
                Assert.True(blocksThen < head / 2, $"{blocksThen} of {head} blocks already indexed when the events reached the head");
                Assert.Equal(epochs, await db.Epochs.CountAsync());
                var health = System.Text.Json.JsonSerializer.Deserialize<Dashboard.Core.Api.HealthReport>(await client.GetStringAsync("/api/health"), Dashboard.Core.Api.ApiJson.Options)!;
                ahead = health.Chains.Single(c => c.ChainId == l2Id);

                // Uptime from the events alone is already the clean run's, sequencer for sequencer.
                await history.RunStatsAsync(database);
                var early = await db.SequencerStats.AsNoTracking().Where(s => s.TimeWindow == "all")
                    .OrderBy(s => s.SequencerId).Select(s => new { s.SequencerId, s.AssignedBlocks, s.ProducedBlocks }).ToListAsync();
                Assert.Equal(cleanUptime, early);

                await history.WaitUntilIndexedAsync(database, TimeSpan.FromMinutes(4));
            }

            Assert.Equal(head, ahead.EventsIndexedBlock);
            Assert.True(ahead.IndexedBlock is null || ahead.IndexedBlock < head, $"the health endpoint showed blocks at {ahead.IndexedBlock}");
            Assert.Equal(await DatabaseFingerprint.ComputeAsync(history.ConnectionString), await DatabaseFingerprint.ComputeAsync(database));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Indexed_through_a_node_that_fails_5_percent_of_requests_the_database_equals_a_clean_run_row_for_row()
    {
        // 5 % of requests fail (503, 429), 1 % come back cut off, not JSON or missing a call of a batch, 1 % of batches
        // come back in reverse order, every answer is delayed 0–30 ms: both chains, seeded.
        await using var l1 = new FaultyRpcProxy(history.Devnet.L1.RpcUrl, seed: 11);
        await using var l2 = new FaultyRpcProxy(history.Devnet.L2.RpcUrl, seed: 12);
        // Small batches and ranges: many requests, so many faults.
        var database = await TestPostgres.CreateDatabaseAsync("faulty");
        try
        {
            await using (var server = history.StartServer(database, FaultyRpcProxy.ServerSettings(l1, l2, ":")))
            {
                // The health endpoint says the node is failing calls while it happens (they are retried; nothing is lost).
                using var client = server.CreateClient();
                var seen = await WatchHealthUntilIndexedAsync(client, database);
                Assert.Contains(seen, c => c.RpcRetries > 0 && c.LastRetryError is { Length: > 0 } && c.LastRetryAt is not null);
            }

            Assert.True(l1.Faults + l2.Faults > 15, $"only {l1.Faults + l2.Faults} faults in {l1.Requests + l2.Requests} requests");
            // Every indexed table, row for row (a digest of each), against the fixture's clean run with default ranges.
            var clean = await DatabaseFingerprint.ComputeAsync(history.ConnectionString);
            var faulty = await DatabaseFingerprint.ComputeAsync(database);
            Assert.Equal(clean, faulty);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task The_history_exercises_every_projection()
    {
        await using var db = new DashboardDb(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(history.ConnectionString).Options);
        Assert.True(await db.Recommits.CountAsync() > 1, "recommits");
        Assert.True(await db.Incidents.AnyAsync(i => i.Kind == "gap"), "stalls inside epochs");
        Assert.True(await db.RewardBatches.CountAsync() >= 5, "reward batches");
        Assert.True(await db.StakeEvents.AnyAsync(e => e.Kind == "compound"), "compounding relocks");
        Assert.True(await db.StakeEvents.CountAsync(e => e.Kind == "exit") == 1, "an exit");
        Assert.True(await db.RewardClaims.AnyAsync(), "reward claims");
        Assert.True(await db.Signers.CountAsync(s => s.RetiredBlock != null) >= 2, "a rotated and an exited signer");
        Assert.True(await db.DelegationEvents.CountAsync(e => e.Kind == "delegate") >= 2, "delegations");
        Assert.True(await db.Unbondings.AnyAsync(), "unbondings");
        Assert.True(await db.SequencerStats.AnyAsync(s => s.TimeWindow == "all" && s.Uptime < 1), "a sequencer below 100 % uptime");
    }

    [Fact]
    public async Task A_sequencer_that_never_started_its_epoch_is_blamed_and_the_ended_epoch_is_untouched()
    {
        await using var db = new DashboardDb(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(history.ConnectionString).Options);
        var neverStarted = await db.Recommits.Where(r => r.NeverStarted).ToListAsync();
        Assert.NotEmpty(neverStarted);
        Assert.True(await db.Recommits.AnyAsync(r => !r.NeverStarted), "recommits that cut a running epoch");
        foreach (var recommit in neverStarted)
        {
            var ended = await db.Epochs.SingleAsync(e => e.Id == recommit.OldEpochId);
            Assert.Null(ended.CutAtBlock);
            Assert.Equal(recommit.StartBlock - 1, ended.EndBlock);
            Assert.Equal(ended.AssignedEndBlock, ended.EndBlock);
            var incident = await db.Incidents.SingleAsync(i => i.Kind == "recommit" && i.ToBlock == recommit.L2Block);
            Assert.Equal(recommit.OldSigner, incident.Signer);
            Assert.Equal(recommit.NewEpochId, incident.EpochId);
            Assert.True(incident.LostBlocks > 0 && incident.LostBlocks == recommit.LostBlocks);
            Assert.NotEqual(recommit.OldSigner, recommit.NewSigner);
        }
    }

    [Fact]
    public async Task Through_a_node_shaped_like_l2geth_fees_use_the_gas_price_and_producers_come_from_the_sequencer_signatures()
    {
        var devnet = history.Devnet;
        var set = devnet.Manifest.L2.Contract(ContractNames.MetisSequencerSet).Address;
        var head = await devnet.L2.Rpc.BlockNumberAsync();
        var blocks = await devnet.L2.Rpc.GetBlocksAsync(Enumerable.Range(1, (int)head).Select(n => (long)n).ToArray(), 4);
        // One block in the middle is signed by another sequencer than its epoch's: a wrong-producer incident.
        var odd = blocks.First(b => b.Number >= head / 2 && b.TransactionHashes.Count > 0).Number;
        var scheduled = await SignerOfBlockAsync(devnet, set, odd);
        var impostor = Enumerable.Range(0, 400).Select(DevnetKey.Signer).First(k => k.Address != scheduled && devnet.Manifest.Sequencers.Any(s => s.Signer == k.Address));
        await using var proxy = new L2gethProxy(devnet.L2.RpcUrl, set, new Dictionary<long, DevnetKey> { [odd] = impostor });
        var database = await TestPostgres.CreateDatabaseAsync("l2geth");
        try
        {
            await using (var server = history.StartServer(database, new Dictionary<string, string?> { ["Network:L2:RpcUrl"] = proxy.Url.ToString() }))
            {
                server.CreateClient().Dispose();
                await history.WaitUntilIndexedAsync(database);
            }

            await using var direct = Db(history.ConnectionString);
            await using var shaped = Db(database);
            var directBlocks = await direct.L2Blocks.Where(b => b.Number <= head).ToDictionaryAsync(b => b.Number);
            var shapedBlocks = await shaped.L2Blocks.Where(b => b.Number <= head).ToDictionaryAsync(b => b.Number);
            Assert.Equal(directBlocks.Count, shapedBlocks.Count);
            var withTransactions = 0;
            foreach (var block in blocks.Where(b => directBlocks.ContainsKey(b.Number)))
            {
                // What each transaction paid is the same gas × price (l2geth: the transaction's gasPrice), plus the L1 fee its receipt reports.
                var l1Fees = block.TransactionHashes.Aggregate(BigInteger.Zero, (sum, tx) => sum + proxy.L1Fees[tx]);
                Assert.Equal(directBlocks[block.Number].Fees + l1Fees, shapedBlocks[block.Number].Fees);
                // Anvil carries no sequencer signature: the producer is unknown there. Through l2geth's shape it is recovered.
                Assert.Null(directBlocks[block.Number].Producer);
                if (block.TransactionHashes.Count > 0)
                {
                    withTransactions++;
                    var expected = block.Number == odd ? impostor.Address : await SignerOfBlockAsync(devnet, set, block.Number);
                    Assert.Equal(expected, shapedBlocks[block.Number].Producer);
                }
                else
                {
                    Assert.Null(shapedBlocks[block.Number].Producer);
                }
            }

            Assert.True(withTransactions > 100, $"only {withTransactions} blocks with transactions");
            // Not a vacuous comparison: the transactions paid for their gas.
            Assert.True(directBlocks.Values.Count(b => b.Fees > 0) > 100, "blocks with L2 gas fees");
            var wrong = await shaped.Incidents.Where(i => i.Kind == "wrong-producer").ToListAsync();
            var incident = Assert.Single(wrong);
            Assert.Equal((odd, odd, scheduled, impostor.Address), (incident.FromBlock, incident.ToBlock, incident.Signer, incident.Producer));
            Assert.False(await direct.Incidents.AnyAsync(i => i.Kind == "wrong-producer"));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    private static DashboardDb Db(string connectionString) => new(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(connectionString).Options);

    private static async Task<Address> SignerOfBlockAsync(LocalDevnet devnet, Address set, long block) =>
        (Address)(await devnet.L2Writer.ReadAsync(set, "getMetisSequencer(uint256)", "address", new BigInteger(block)))[0]!;

    [Fact]
    public async Task L2_blocks_are_stored_in_block_number_partitions()
    {
        await using var db = new DashboardDb(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(history.ConnectionString).Options);
        var partitions = await db.Database.SqlQueryRaw<string>("select c.relname as \"Value\" from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'l2_blocks'::regclass").ToListAsync();
        Assert.Contains("l2_blocks_p0", partitions);
    }

    /// <summary>What /api/health said of each chain, every quarter second, until <paramref name="database"/> is indexed to both heads.</summary>
    private async Task<List<Dashboard.Core.Api.ChainFreshness>> WatchHealthUntilIndexedAsync(HttpClient client, string database)
    {
        var seen = new List<Dashboard.Core.Api.ChainFreshness>();
        var indexing = history.WaitUntilIndexedAsync(database, TimeSpan.FromMinutes(4));
        while (!indexing.IsCompleted)
        {
            var health = System.Text.Json.JsonSerializer.Deserialize<Dashboard.Core.Api.HealthReport>(await client.GetStringAsync("/api/health"), Dashboard.Core.Api.ApiJson.Options)!;
            seen.AddRange(health.Chains);
            await Task.WhenAny(indexing, Task.Delay(250));
        }

        await indexing;
        return seen;
    }
}
