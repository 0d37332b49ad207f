using System.Diagnostics;
using Dashboard.Data;
using Dashboard.Devnet;
using Dashboard.Devnet.Apps;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Processes;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Server.Tests.Indexing;

/// <summary>The indexer as a real process: killed mid-backfill, and two instances sharing one database.</summary>
public sealed class ResilienceTests(IndexedHistory history) : IClassFixture<IndexedHistory>
{
    private static string LogPath(string name) => Path.Combine(RepoPaths.Root, "artifacts", "test-results", "logs", name);

    /// <summary>SIGKILLs per run in the suite; DASHBOARD_KILLS raises it (bench/run.sh kills: 50).</summary>
    private static int Kills => int.TryParse(Environment.GetEnvironmentVariable("DASHBOARD_KILLS"), out var n) ? n : 4;

    [Fact]
    public async Task Indexer_killed_at_random_moments_of_a_backfill_and_restarted_ends_identical_to_an_uninterrupted_run()
    {
        var killed = await TestPostgres.CreateDatabaseAsync("killed");
        // Behind a provider that allows 60 calls/s, the backfill takes long enough for every kill to find it running,
        // however busy the machine is.
        // The long run (50 kills) goes slower still, in ranges of 5 blocks, so every life finds a backfill to interrupt.
        var (rate, batch) = Kills > 10 ? ("20", "5") : ("60", "25");
        await using var slow = new HostedRpcProxy(history.Devnet.L2.RpcUrl, callsPerSecond: double.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), maxLogRange: null);
        var settings = new Dictionary<string, string?>
        {
            ["Network__L2__BlockBatch"] = batch, ["Network__L2__RpcUrl"] = slow.Url.ToString(), ["Network__L2__RequestsPerSecond"] = rate, ["Jobs__Enabled"] = "false",
        };
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var l2Id = history.Devnet.Manifest.L2.ChainId;
        var l2Head = await history.Devnet.L2.Rpc.BlockNumberAsync();
        var random = new Random(Kills);
        var midway = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            var process = await DashboardApps.StartServerAsync(DashboardApps.CurrentConfiguration, url, killed, history.ManifestPath, LogPath($"killed-{kill}.log"), settings);
            // A random moment: at once, mid-range, mid-write; with a backfill in progress whenever there is one left.
            var before = await CheckpointAsync(killed, l2Id);
            var watch = Stopwatch.StartNew();
            while (await CheckpointAsync(killed, l2Id) == before && before < l2Head && watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20);
            }

            await Task.Delay(random.Next(0, 400));
            // SIGKILL: no shutdown code runs, whatever transaction is open is lost.
            await process.StopAsync(TimeSpan.Zero, ManagedProcess.SigKill);
            await process.DisposeAsync();
            if (await CheckpointAsync(killed, l2Id) < l2Head)
            {
                midway++;
            }
        }

        await using (var last = await DashboardApps.StartServerAsync(DashboardApps.CurrentConfiguration, url, killed, history.ManifestPath, LogPath("killed-last.log"), settings))
        {
            await history.WaitUntilIndexedAsync(killed, TimeSpan.FromMinutes(3));
        }

        // The uninterrupted run: the fixture's database, brought to the same heads (other tests may have mined since).
        await using (var reference = history.StartServer(history.ConnectionString))
        {
            reference.CreateClient().Dispose();
            await history.WaitUntilIndexedAsync(history.ConnectionString);
        }

        var expected = await DatabaseFingerprint.ComputeAsync(history.ConnectionString);
        var actual = await DatabaseFingerprint.ComputeAsync(killed);
        var differing = expected.Count(e => actual[e.Key] != e.Value);
        Console.WriteLine($"killed: {Kills} SIGKILLs, {midway} of them mid-backfill; tables differing from the uninterrupted run: {differing} of {expected.Count}");
        Assert.True(midway >= 1, "no kill landed during the backfill");
        Assert.Equal(expected, actual);
        await TestPostgres.DropDatabaseAsync(killed);
    }

    [Fact]
    public async Task Second_instance_stands_by_and_takes_over_when_the_leader_dies()
    {
        var shared = await TestPostgres.CreateDatabaseAsync("leader");
        var settings = new Dictionary<string, string?> { ["Jobs__Enabled"] = "false" };
        var a = await DashboardApps.StartServerAsync(DashboardApps.CurrentConfiguration, $"http://127.0.0.1:{FreePort.Next()}", Named(shared, "instance-a"), history.ManifestPath, LogPath("leader-a.log"), settings);
        await history.WaitUntilIndexedAsync(shared);
        await using var b = await DashboardApps.StartServerAsync(DashboardApps.CurrentConfiguration, $"http://127.0.0.1:{FreePort.Next()}", Named(shared, "instance-b"), history.ManifestPath, LogPath("leader-b.log"), settings);
        await Task.Delay(3_000);
        Assert.Equal(["instance-a", "instance-a"], await LeadersAsync(shared));

        await a.StopAsync(TimeSpan.Zero, ManagedProcess.SigKill);
        await a.DisposeAsync();
        var watch = Stopwatch.StartNew();
        IReadOnlyList<string> leaders = [];
        while (watch.Elapsed < TimeSpan.FromSeconds(30) && leaders.Count(l => l == "instance-b") < 2)
        {
            await Task.Delay(200);
            leaders = await LeadersAsync(shared);
        }

        Assert.Equal(["instance-b", "instance-b"], leaders);
        Console.WriteLine($"failover: the standby led both chains {watch.Elapsed.TotalSeconds:0.0} s after the leader was killed");

        // The new leader indexes what comes next: one more block on each chain.
        await history.Devnet.L1.Rpc.MineAsync(1);
        await history.Devnet.L2.Rpc.MineAsync(1);
        await history.WaitUntilIndexedAsync(shared, TimeSpan.FromSeconds(30));
        await TestPostgres.DropDatabaseAsync(shared);
    }

    [Fact]
    public async Task Postgresql_restarted_under_the_indexer_mid_backfill_ends_identical_to_an_uninterrupted_run()
    {
        // A cluster of its own, so restarting it disturbs no other test.
        var folder = Path.Combine(Path.GetTempPath(), $"pg-restart-{Guid.NewGuid():N}");
        var port = FreePort.Next();
        var pg = await Dashboard.Devnet.Postgres.PostgresCluster.StartAsync(folder, port, LogPath("pg-restart-postgres.log"), durable: false);
        try
        {
            await pg.CreateDatabaseAsync("restarted");
            var database = pg.ConnectionString("restarted");
            await using var slow = new HostedRpcProxy(history.Devnet.L2.RpcUrl, callsPerSecond: 60, maxLogRange: null);
            var settings = new Dictionary<string, string?>
            {
                ["Network__L2__BlockBatch"] = "25", ["Network__L2__RpcUrl"] = slow.Url.ToString(), ["Network__L2__RequestsPerSecond"] = "60", ["Jobs__Enabled"] = "false",
            };
            var l2Id = history.Devnet.Manifest.L2.ChainId;
            var l2Head = await history.Devnet.L2.Rpc.BlockNumberAsync();
            await using var server = await DashboardApps.StartServerAsync(DashboardApps.CurrentConfiguration, $"http://127.0.0.1:{FreePort.Next()}", database, history.ManifestPath, LogPath("pg-restart-server.log"), settings);
            var watch = Stopwatch.StartNew();
            while (await CheckpointAsync(database, l2Id) == 0 && watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20);
            }

            // PostgreSQL goes away under the running indexer (fast shutdown: open transactions are rolled back), stays
            // down a moment, and comes back on the same folder and port.
            var before = await CheckpointAsync(database, l2Id);
            await pg.StopAsync();
            await pg.DisposeAsync();
            await Task.Delay(2_000);
            pg = await Dashboard.Devnet.Postgres.PostgresCluster.StartAsync(folder, port, LogPath("pg-restart-postgres.log"), durable: false);
            Assert.InRange(before, 1, l2Head - 1);
            // This test's own pooled connections died with the server (the server process copes on its own).
            NpgsqlConnection.ClearAllPools();

            await history.WaitUntilIndexedAsync(database, TimeSpan.FromMinutes(3));
            await using (var reference = history.StartServer(history.ConnectionString))
            {
                reference.CreateClient().Dispose();
                await history.WaitUntilIndexedAsync(history.ConnectionString);
            }

            Assert.Equal(await DatabaseFingerprint.ComputeAsync(history.ConnectionString), await DatabaseFingerprint.ComputeAsync(database));
        }
        finally
        {
            await pg.DisposeAsync();
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Stream subscribers in the suite; DASHBOARD_SSE_SUBSCRIBERS raises it (bench/run.sh stream: 1,000).</summary>
    private static int Subscribers => int.TryParse(Environment.GetEnvironmentVariable("DASHBOARD_SSE_SUBSCRIBERS"), out var n) ? n : 100;

    [Fact]
    public async Task Every_stream_subscriber_receives_every_block_announcement()
    {
        var settings = new Dictionary<string, string?> { ["Jobs__Enabled"] = "false", ["Network__L2__PollInterval"] = "00:00:00.200" };
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var server = await DashboardApps.StartServerAsync(DashboardApps.CurrentConfiguration, url, history.ConnectionString, history.ManifestPath, LogPath("stream-load.log"), settings);
        await history.WaitUntilIndexedAsync(history.ConnectionString);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = new Uri(url), Timeout = Timeout.InfiniteTimeSpan };
        using var stop = new CancellationTokenSource();
        var received = Enumerable.Range(0, Subscribers).Select(_ => new System.Collections.Concurrent.ConcurrentDictionary<long, DateTime>()).ToArray();
        using var ready = new CountdownEvent(Subscribers);
        var errors = 0;
        var readers = Enumerable.Range(0, Subscribers).Select(i => Task.Run(async () =>
        {
            try
            {
                using var response = await http.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead, stop.Token);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
                var kind = "";
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    if (line.StartsWith("event: ", StringComparison.Ordinal))
                    {
                        kind = line[7..];
                        if (kind == "hello")
                        {
                            ready.Signal();
                        }
                    }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal) && kind == "block")
                    {
                        using var data = System.Text.Json.JsonDocument.Parse(line[6..]);
                        received[i][data.RootElement.GetProperty("number").GetInt64()] = DateTime.UtcNow;
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The run is over.
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref errors);
            }
        })).ToList();
        Assert.True(ready.Wait(TimeSpan.FromSeconds(60)), $"{ready.CurrentCount} of {Subscribers} subscribers never connected");

        // New L2 blocks, one every 300 ms, each announced to every subscriber.
        var mined = new Dictionary<long, DateTime>();
        for (var i = 0; i < 20; i++)
        {
            await history.Devnet.L2.Rpc.MineAsync(1);
            mined[await history.Devnet.L2.Rpc.BlockNumberAsync()] = DateTime.UtcNow;
            await Task.Delay(300);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received.Any(r => mined.Keys.Any(b => !r.ContainsKey(b))) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        var lost = received.Sum(r => mined.Keys.Count(b => !r.ContainsKey(b)));
        var delays = received.SelectMany(r => mined.Where(m => r.ContainsKey(m.Key)).Select(m => (r[m.Key] - m.Value).TotalMilliseconds)).Order().ToList();
        var p95 = delays.Count > 0 ? delays[(int)Math.Ceiling(delays.Count * 0.95) - 1] : double.NaN;
        Console.WriteLine($"stream: {Subscribers} subscribers, {mined.Count} blocks, {lost} announcements lost, {errors} errors; " +
            $"delivery (mined → received, indexing included) p50 {delays[delays.Count / 2]:0} ms, p95 {p95:0} ms, max {delays[^1]:0} ms");
        Assert.Equal(0, errors);
        Assert.Equal(0, lost);
    }

    private static string Named(string connectionString, string name) =>
        new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name }.ConnectionString;

    /// <summary>Which instance holds each chain's indexing lock (by the application name of the session).</summary>
    private static async Task<IReadOnlyList<string>> LeadersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and a.datname = current_database() order by 1
            """, connection);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<long> CheckpointAsync(string connectionString, long chainId)
    {
        await using var db = new DashboardDb(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(connectionString).Options);
        return await db.Checkpoints.Where(c => c.ChainId == chainId && c.Stream == "chain").Select(c => c.BlockNumber).FirstOrDefaultAsync();
    }
}
