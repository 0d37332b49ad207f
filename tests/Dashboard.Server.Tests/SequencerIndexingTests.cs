using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Formatting;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Network;
using Npgsql;

namespace Dashboard.Server.Tests;

/// <summary>From a lock on the L1 devnet to the JSON of /api/sequencers, through the indexer and PostgreSQL.</summary>
public sealed class SequencerIndexingTests(IndexedDevnet world) : IClassFixture<IndexedDevnet>
{
    [Fact]
    public async Task Sequencer_locked_on_chain_appears_in_the_api_with_its_stake()
    {
        await using var server = world.StartServer();
        using var client = server.CreateClient();
        var owner = world.Devnet.Accounts.Delegators[0];
        var signer = DevnetKey.Signer(101);
        var amount = MetisAmount.FromMetis(33_333.5m) + 7; // odd wei on purpose: nothing may be rounded

        var id = await DevnetDeployer.LockSequencerAsync(world.Devnet.L1Writer, world.Devnet.Manifest, world.Devnet.Accounts.Admin, owner, signer, amount);
        var lockBlock = await world.Devnet.L1.Rpc.BlockNumberAsync();

        var sequencers = await IndexedDevnet.WaitForSequencersAsync(client, list => list.Any(s => s.Id == id));
        var row = sequencers.Single(s => s.Id == id);
        Assert.Equal(signer.Address.ToString(), row.Signer);
        Assert.Equal(owner.ToString(), row.Owner);
        Assert.Equal(owner.ToString(), row.RewardRecipient);
        Assert.Equal(amount, row.Locked);
        Assert.Equal(SequencerStatus.Active, row.Status);
        Assert.Equal(lockBlock, row.LockedAtBlock);

        // The devnet's own sequencers are there too, with the stakes they locked.
        foreach (var seeded in world.Devnet.Manifest.Sequencers)
        {
            Assert.Equal(seeded.Signer.ToString(), sequencers.Single(s => s.Id == seeded.Id).Signer);
        }

        Assert.Equal(LocalDevnet.InitialStake(1), sequencers.Single(s => s.Id == 2).Locked);
    }

    [Fact]
    public async Task Locked_amount_travels_as_an_exact_decimal_string()
    {
        await using var server = world.StartServer();
        using var client = server.CreateClient();
        await IndexedDevnet.WaitForSequencersAsync(client, list => list.Count >= 2);
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/sequencers"));
        var first = json.RootElement.GetProperty("items").EnumerateArray().First(e => e.GetProperty("id").GetInt64() == 1);
        Assert.Equal(JsonValueKind.String, first.GetProperty("locked").ValueKind);
        Assert.Equal(LocalDevnet.InitialStake(0).ToString(System.Globalization.CultureInfo.InvariantCulture), first.GetProperty("locked").GetString());
        Assert.Equal("active", first.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_reports_indexed_height_and_lag_per_chain()
    {
        await using var server = world.StartServer();
        using var client = server.CreateClient();
        var l1Head = await world.Devnet.L1.Rpc.BlockNumberAsync();
        HealthReport? health = null;
        for (var i = 0; i < 300 && health?.Chains.All(c => c.IndexedBlock is not null && c.LagBlocks == 0) != true; i++)
        {
            await Task.Delay(100);
            health = await client.GetFromJsonAsync<HealthReport>("/api/health", ApiJson.Options);
        }

        Assert.NotNull(health);
        Assert.Equal("healthy", health.Status);
        Assert.True(health.Database);
        var l1 = health.Chains.Single(c => c.Chain == "L1");
        Assert.Equal(DevnetChains.L1ChainId, l1.ChainId);
        Assert.True(l1.IndexedBlock >= l1Head, $"L1 indexed {l1.IndexedBlock}, head was {l1Head}");
        Assert.Equal(0, l1.LagBlocks);
        Assert.Equal("ok", l1.State);
        Assert.NotNull(l1.IndexedBlockTime);
        Assert.Contains(health.Chains, c => c.Chain == "L2" && c.ChainId == DevnetChains.L2ChainId);
    }

    [Fact]
    public async Task Indexer_resumes_from_its_checkpoint_after_a_restart_without_duplicates()
    {
        long firstId;
        await using (var first = world.StartServer())
        {
            using var client = first.CreateClient();
            firstId = await DevnetDeployer.LockSequencerAsync(world.Devnet.L1Writer, world.Devnet.Manifest, world.Devnet.Accounts.Admin,
                world.Devnet.Accounts.Delegators[1], DevnetKey.Signer(102), MetisAmount.FromMetis(21_000m));
            await IndexedDevnet.WaitForSequencersAsync(client, list => list.Any(s => s.Id == firstId));
        }

        // While no server runs, the chain moves on.
        var secondId = await DevnetDeployer.LockSequencerAsync(world.Devnet.L1Writer, world.Devnet.Manifest, world.Devnet.Accounts.Admin,
            world.Devnet.Accounts.Delegators[2], DevnetKey.Signer(103), MetisAmount.FromMetis(22_000m));

        await using (var second = world.StartServer())
        {
            using var client = second.CreateClient();
            var list = await IndexedDevnet.WaitForSequencersAsync(client, list => list.Any(s => s.Id == secondId));
            Assert.Single(list, s => s.Id == firstId);
        }

        // Every log of LockingInfo and LockingPool is stored exactly once.
        var contracts = new[] { world.Devnet.Manifest.L1.Contract(ContractNames.LockingInfo).Address, world.Devnet.Manifest.L1.Contract(ContractNames.LockingPool).Address };
        var head = await world.Devnet.L1.Rpc.BlockNumberAsync();
        var onChain = await world.Devnet.L1.Rpc.GetLogsAsync(new Ethereum.Rpc.LogFilter(0, head, contracts));
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*), count(distinct (block_hash, log_index)) from raw_logs where chain_id = @c and block_number <= @h and address = any(@a)", connection);
        count.Parameters.AddWithValue("c", DevnetChains.L1ChainId);
        count.Parameters.AddWithValue("h", head);
        count.Parameters.AddWithValue("a", contracts.Select(c => c.ToBytes()).ToArray());
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(onChain.Count, reader.GetInt64(0));
        Assert.Equal(onChain.Count, reader.GetInt64(1));
    }

    [Fact]
    public async Task Reorg_on_l1_replaces_the_orphaned_sequencer_with_the_canonical_one()
    {
        await using var server = world.StartServer();
        using var client = server.CreateClient();
        var rpc = world.Devnet.L1.Rpc;
        var before = await IndexedDevnet.WaitForSequencersAsync(client, list => list.Count >= 2);
        var snapshot = await rpc.SnapshotAsync();

        var orphanSigner = DevnetKey.Signer(201);
        var id = await DevnetDeployer.LockSequencerAsync(world.Devnet.L1Writer, world.Devnet.Manifest, world.Devnet.Accounts.Admin,
            world.Devnet.Accounts.Delegators[3], orphanSigner, MetisAmount.FromMetis(25_000m));
        await IndexedDevnet.WaitForSequencersAsync(client, list => list.Any(s => s.Signer == orphanSigner.Address.ToString()));

        // The chain drops those blocks and takes another branch: same id, another signer and amount, more blocks.
        Assert.True(await rpc.RevertAsync(snapshot));
        await rpc.MineAsync(3);
        var canonicalSigner = DevnetKey.Signer(202);
        var canonicalId = await DevnetDeployer.LockSequencerAsync(world.Devnet.L1Writer, world.Devnet.Manifest, world.Devnet.Accounts.Admin,
            world.Devnet.Accounts.Delegators[3], canonicalSigner, MetisAmount.FromMetis(26_000m));
        Assert.Equal(id, canonicalId);

        var after = await IndexedDevnet.WaitForSequencersAsync(client, list => list.Any(s => s.Signer == canonicalSigner.Address.ToString()));
        Assert.DoesNotContain(after, s => s.Signer == orphanSigner.Address.ToString());
        Assert.Equal(MetisAmount.FromMetis(26_000m), after.Single(s => s.Id == id).Locked);
        Assert.Equal(before.Count + 1, after.Count);
    }

    [Fact]
    public async Task Unreachable_rpc_is_reported_in_health_and_does_not_stop_the_server()
    {
        await using var server = world.StartServer(new Dictionary<string, string?> { ["Network:L2:RpcUrl"] = "http://127.0.0.1:9/" });
        using var client = server.CreateClient();
        ChainFreshness? l2 = null;
        for (var i = 0; i < 300 && l2?.State != "error"; i++)
        {
            await Task.Delay(100);
            var health = await client.GetFromJsonAsync<HealthReport>("/api/health", ApiJson.Options);
            l2 = health!.Chains.Single(c => c.Chain == "L2");
        }

        Assert.Equal("error", l2!.State);
        Assert.Contains("cannot reach", l2.LastError, StringComparison.Ordinal);

        // L1 keeps working and the API keeps answering.
        using var response = await client.GetAsync("/api/sequencers");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_sequencers_endpoint_and_amounts_as_strings()
    {
        await using var server = world.StartServer(new Dictionary<string, string?> { ["Indexer:Enabled"] = "false" });
        using var client = server.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/sequencers", out _));
        Assert.True(paths.TryGetProperty("/api/health", out _));
        var schemas = json.RootElement.GetProperty("components").GetProperty("schemas");
        var locked = schemas.GetProperty("SequencerSummary").GetProperty("properties").GetProperty("locked");
        Assert.Equal("#/components/schemas/Wei", locked.GetProperty("$ref").GetString());
        Assert.Equal("string", schemas.GetProperty("Wei").GetProperty("type").GetString());
        Assert.Equal("^-?[0-9]+$", schemas.GetProperty("Wei").GetProperty("pattern").GetString());
        var signer = schemas.GetProperty("SequencerSummary").GetProperty("properties").GetProperty("signer");
        Assert.Equal("string", signer.GetProperty("type").GetString());
        Assert.Equal(Dashboard.Core.Api.AddressStringAttribute.Pattern, signer.GetProperty("pattern").GetString());
    }
}
