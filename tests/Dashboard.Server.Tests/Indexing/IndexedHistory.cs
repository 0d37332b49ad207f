using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Devnet.Apps;
using Dashboard.Devnet.Network;
using Dashboard.Devnet.Simulation;
using Dashboard.Server.Jobs;
using Dashboard.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Tests.Indexing;

/// <summary>
/// Three simulated days of a small, busy network (short epochs, outages and hiccups, a one-day exit delay,
/// delegators in two pools) on real anvil chains, and a database the in-process server indexed to both heads.
/// </summary>
public class IndexedHistory : IAsyncLifetime
{
    public static readonly SimulationOptions Network = new()
    {
        Seed = 11,
        Sequencers = 5,
        DelegationPools = 2,
        Delegators = 6,
        Users = 4,
        EpochLength = 12,
        RecommitExtension = 2,
        OutageProbability = 0.2,
        FirstBlockFailureProbability = 0.15,
        HiccupProbability = 0.25,
        EpochsPerRewardBatch = 3,
        ExitDelay = TimeSpan.FromDays(1),
        Activity = 6,
        // Now and then the MPC credits a batch wrongly: the reward reconciliation must find each one.
        MiscreditProbability = 0.2,
        // Now and then the MPC commits an epoch only after the previous one ended: the liveness figures must see each.
        LateCommitProbability = 0.1,
        // Sequencer 4 (a pool's) sandwiches its users' swaps in some of its epochs: the fairness figures must find each, and no other.
        SandwichingSequencer = 4,
    };

    private readonly string _manifestPath = Path.Combine(Path.GetTempPath(), $"indexed-{Guid.NewGuid():N}.json");

    public LocalDevnet Devnet { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public string ManifestPath => _manifestPath;

    protected virtual TimeSpan History => TimeSpan.FromDays(3);

    /// <summary>Whether the devnet goes on producing blocks in real time after its history, as the demo does.</summary>
    protected virtual bool Live => false;

    public virtual async Task InitializeAsync()
    {
        Devnet = await LocalDevnet.StartAsync(new LocalDevnetOptions { Network = Network, History = History, Live = Live }, _ => { });
        Devnet.Manifest.Save(_manifestPath);
        ConnectionString = await TestPostgres.CreateDatabaseAsync(GetType().Name);
        await using var server = StartServer(ConnectionString);
        server.CreateClient().Dispose();
        await WaitUntilIndexedAsync(ConnectionString);
        await RunStatsAsync(ConnectionString);
    }

    /// <summary>A server over this devnet and <paramref name="connectionString"/>, with the scheduled jobs off (tests run them).</summary>
    public WebApplicationFactory<Program> StartServer(string connectionString, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Metadata:Path"] = DashboardApps.PublishMetadata(_manifestPath), ["Jobs:Enabled"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return DevnetServer.Start(connectionString, _manifestPath, all);
    }

    /// <summary>Waits until both checkpoints stand at the chains' heads, with the heads' hashes.</summary>
    public async Task WaitUntilIndexedAsync(string connectionString, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var l1 = (await Devnet.L1.Rpc.GetBlockAsync("latest"))!;
            var l2 = (await Devnet.L2.Rpc.GetBlockAsync("latest"))!;
            await using var db = new DashboardDb(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(connectionString).Options);
            // The chains' own checkpoints: the L2 events pass's may stand at the head while the blocks are still behind.
            var checkpoints = await db.Checkpoints.AsNoTracking().Where(c => c.Stream == "chain").ToListAsync();
            if (checkpoints.Any(c => c.ChainId == Devnet.Manifest.L1.ChainId && c.BlockHash == l1.Hash) &&
                checkpoints.Any(c => c.ChainId == Devnet.Manifest.L2.ChainId && c.BlockHash == l2.Hash))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                var errors = await db.IndexerStatuses.AsNoTracking().Select(s => s.Role + ": " + s.LastError).ToListAsync();
                throw new TimeoutException($"Not indexed to the heads (L1 {l1.Number}, L2 {l2.Number}); checkpoints: {string.Join(", ", checkpoints.Select(c => $"{c.ChainId}@{c.BlockNumber}"))}; errors: {string.Join("; ", errors)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>One run of the scheduled stats job over <paramref name="connectionString"/>, as the server would run it.</summary>
    public async Task RunStatsAsync(string connectionString)
    {
        await using var server = StartServer(connectionString, new Dictionary<string, string?> { ["Indexer:Enabled"] = "false" });
        await server.Services.GetRequiredService<StatsCalculator>().RunAsync(CancellationToken.None);
    }

    public int StallSeconds => Devnet.Manifest.Chain(ChainRole.L2).StallSeconds ?? 180;

    public virtual async Task DisposeAsync()
    {
        await Devnet.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(ConnectionString);
        File.Delete(_manifestPath);
    }
}
