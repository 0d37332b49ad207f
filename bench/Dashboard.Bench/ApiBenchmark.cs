using System.Diagnostics;
using System.Globalization;
using Dashboard.Contracts.Deployment;
using Dashboard.Data.Migrations;
using Dashboard.Devnet;
using Dashboard.Devnet.Apps;
using Dashboard.Devnet.Postgres;
using Dashboard.Devnet.Processes;
using Dashboard.Server.Configuration;
using Dashboard.Server.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Dashboard.Bench;

/// <summary>
/// API latency at mainnet scale: a database of several years of Metis mainnet (written directly, see
/// <see cref="MainnetScaleData"/>), the stats job run over it, the real server process answering, and wrk loading
/// each list and detail endpoint in turn from loopback. Every request carries a unique query parameter, so the
/// output cache never answers: these are the database paths. Prints requests/s and p50/p95/p99 per endpoint
/// against the target (p95 well under 100 ms).
/// </summary>
public static class ApiBenchmark
{
    private const double TargetP95Ms = 50;

    public static async Task<int> RunAsync(int years, CancellationToken cancellationToken)
    {
        var work = Path.Combine(RepoPaths.Local, "bench", "api");
        Directory.CreateDirectory(work);
        var data = PostgresCluster.ResolveDataDirectory(Path.Combine(work, "postgres"));
        // The seeded database belongs to one schema: a changed or added migration seeds again.
        var schema = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join("|", MigrationRunner.Embedded.Select(m => m.Checksum)))))[..8].ToLowerInvariant();
        var marker = Path.Combine(work, $"seeded-{years}y-{schema}");
        if (!File.Exists(marker))
        {
            foreach (var stale in Directory.GetFiles(work, "seeded-*"))
            {
                File.Delete(stale);
            }

            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }

        await using var cluster = await PostgresCluster.StartAsync(data, FreePort.Next(), Path.Combine(work, "postgres.log"), durable: false, cancellationToken);
        var connectionString = cluster.ConnectionString("mainnet");
        var manifestPath = Path.Combine(work, "sequencers.json");
        SequencerMetadata.Save(Enumerable.Range(1, MainnetScaleData.Sequencers)
            .Select(i => new SequencerMetadata { Id = i, Name = $"Operator {i:00}" }).ToList(), manifestPath);
        var network = ResolvedNetwork.Resolve(new NetworkOptions
        {
            Profile = "mainnet",
            L1 = new ChainOptions { RpcUrl = "http://127.0.0.1:9/" },
            L2 = new ChainOptions { RpcUrl = "http://127.0.0.1:9/" },
        }, RepoPaths.Root);

        if (File.Exists(marker))
        {
            Console.WriteLine($"database: {years} years of mainnet-scale data, seeded before (delete {marker} to seed again)");
        }
        else
        {
            await cluster.CreateDatabaseAsync("mainnet", cancellationToken: cancellationToken);
            await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            {
                await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(cancellationToken);
            }

            Console.WriteLine($"seeding {years} years of mainnet-scale data:");
            var seeding = Stopwatch.StartNew();
            await MainnetScaleData.SeedAsync(connectionString, years, m => Console.WriteLine("  " + m), cancellationToken);
            Console.WriteLine($"  seeded in {seeding.Elapsed.TotalSeconds:0} s");
            await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            {
                var stats = Stopwatch.StartNew();
                await using var services = StatsServices(dataSource, network);
                var calculator = services.GetRequiredService<StatsCalculator>();
                await calculator.RunAsync(cancellationToken);
                Console.WriteLine($"  stats job, first run (every rolling window and every day since genesis): {stats.Elapsed.TotalSeconds:0.0} s");
                stats.Restart();
                await calculator.RunAsync(cancellationToken);
                Console.WriteLine($"  stats job, a later run (incremental, as every 30 s in production): {stats.Elapsed.TotalSeconds:0.0} s");
            }

            await File.WriteAllTextAsync(marker, DateTimeOffset.UtcNow.ToString("O"), cancellationToken);
        }

        var sizes = await SizesAsync(connectionString, cancellationToken);
        Console.WriteLine($"rows: {string.Join(", ", sizes.Select(s => $"{s.Table} {s.Rows:N0}"))}; database {sizes.Sum(s => s.Bytes) / 1e9:0.0} GB");

        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var server = ManagedProcess.Start("server", "dotnet", [DashboardApps.ServerDll(DashboardApps.CurrentConfiguration), "--urls", url], Path.Combine(work, "server.log"),
            new Dictionary<string, string?>
            {
                ["ConnectionStrings__Dashboard"] = connectionString,
                ["Network__Profile"] = "mainnet",
                ["Network__L1__RpcUrl"] = "http://127.0.0.1:9/",
                ["Network__L2__RpcUrl"] = "http://127.0.0.1:9/",
                ["Indexer__Enabled"] = "false",
                ["Jobs__Enabled"] = "false",
                ["Metadata__Path"] = manifestPath,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Logging__LogLevel__Default"] = "Warning",
            });
        await using (server)
        {
            await DashboardApps.WaitForHttpAsync(url + "/api/health", server, cancellationToken);
            // DASHBOARD_BENCH_ONLY=text runs only the endpoints whose name contains it, or one of a|b|c (to follow one change quickly).
            var only = Environment.GetEnvironmentVariable("DASHBOARD_BENCH_ONLY")?.Split('|', StringSplitOptions.RemoveEmptyEntries) ?? [];
            var endpoints = (await EndpointsAsync(connectionString, cancellationToken))
                .Where(e => only.Length == 0 || only.Any(o => e.Name.Contains(o, StringComparison.OrdinalIgnoreCase))).ToList();
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            foreach (var (_, path) in endpoints)
            {
                // Warm-up, not part of the figures: one request to check the answer, then 2 s of load so the JIT has
                // promoted the hot code to optimized code (tiered compilation) and PostgreSQL has the plans and pages,
                // as on a server that has been up for a while. Without it the first seconds of each endpoint measure the JIT.
                using var warm = await http.GetAsync(path, cancellationToken);
                if (!warm.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"{path} answered {(int)warm.StatusCode}: {await warm.Content.ReadAsStringAsync(cancellationToken)}");
                    return 1;
                }

                await WrkAsync(url + path, unique: true, cancellationToken, seconds: 2);
            }

            Console.WriteLine();
            Console.WriteLine($"wrk, 2 threads × 8 connections × 5 s per endpoint, every request uncached (unique query), server and PostgreSQL on the same 2 cores:");
            Console.WriteLine($"{"endpoint",-58} {"req/s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8}  errors");
            var worst = 0.0;
            var failed = 0;
            foreach (var (name, path) in endpoints)
            {
                var result = await WrkAsync(url + path, unique: true, cancellationToken);
                worst = Math.Max(worst, result.P95);
                failed += result.Errors;
                Console.WriteLine($"{name,-58} {result.RequestsPerSecond,8:N0} {result.P50,8:0.0} {result.P95,8:0.0} {result.P99,8:0.0}  {result.Errors}");
            }

            var cached = await WrkAsync(url + "/api/sequencers", unique: false, cancellationToken);
            Console.WriteLine($"{"GET /api/sequencers, cached (the same request again)",-58} {cached.RequestsPerSecond,8:N0} {cached.P50,8:0.0} {cached.P95,8:0.0} {cached.P99,8:0.0}  {cached.Errors}");
            Console.WriteLine();
            Console.WriteLine($"worst p95: {worst:0.0} ms (target < {TargetP95Ms:0} ms: {(worst < TargetP95Ms && failed == 0 ? "met" : "NOT met")}); server peak memory {ProcessMemory.PeakMb(server.Pid):0} MB");
            return worst < TargetP95Ms && failed == 0 ? 0 : 1;
        }
    }

    /// <summary>Every list and detail the pages use, with ids that exist (and deep pages, which cost the most).</summary>
    /// <summary>The stats job as the server wires it (its directory of names for the entities), over the seeded database.</summary>
    private static ServiceProvider StatsServices(NpgsqlDataSource dataSource, ResolvedNetwork network)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHttpClient();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(dataSource);
        services.AddSingleton(network);
        services.AddOptions<Dashboard.Server.Directory.MetadataOptions>();
        services.AddOptions<Dashboard.Server.Analytics.DecentralizationOptions>();
        services.AddDbContextFactory<Dashboard.Data.DashboardDb>((sp, options) => options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<Dashboard.Server.Directory.MetadataSource>();
        services.AddSingleton<Dashboard.Server.Directory.SequencerProfiles>();
        services.AddSingleton<Dashboard.Server.Directory.SequencerDirectory>();
        services.AddSingleton<Dashboard.Server.Analytics.OperatingEntities>();
        services.AddSingleton<Dashboard.Server.Analytics.DecentralizationRollup>();
        services.AddSingleton<StatsCalculator>();
        return services.BuildServiceProvider();
    }

    private static async Task<IReadOnlyList<(string Name, string Path)>> EndpointsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        async Task<string> One(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture)!;
        }

        var head = long.Parse(await One("select max(number) from l2_blocks"), CultureInfo.InvariantCulture);
        var delegator = "0x" + await One("select encode(delegator, 'hex') from delegations order by shares desc limit 1");
        var pooled = await One("select sequencer_id from pools limit 1");
        var tx = "0x" + await One("select encode(tx_hash, 'hex') from delegation_events order by block_number desc limit 1");
        var epoch = await One("select max(id) / 2 from epochs");
        var batch = await One("select max(batch_id) / 2 from reward_batches");
        var operatorOf7 = "0x" + await One("select encode(owner, 'hex') from sequencers where id = 7");
        var yearAgo = DateTimeOffset.UtcNow.AddYears(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-7).ToString("O", CultureInfo.InvariantCulture));
        return
        [
            ("GET /api/network", "/api/network"),
            ("GET /api/network/daily (every day)", "/api/network/daily"),
            ("GET /api/health", "/api/health"),
            ("GET /api/decentralization (30 days)", "/api/decentralization"),
            ("GET /api/decentralization?window=all (every draw)", "/api/decentralization?window=all"),
            ("GET /api/decentralization/daily (every day)", "/api/decentralization/daily"),
            ("GET /api/sequencers", "/api/sequencers"),
            ("GET /api/sequencers?sort=uptime7d&status=active", "/api/sequencers?sort=uptime7d&status=active"),
            ("GET /api/sequencers/7", "/api/sequencers/7"),
            ("GET /api/sequencers/7/epochs", "/api/sequencers/7/epochs"),
            ("GET /api/sequencers/7/epochs?page=8", "/api/sequencers/7/epochs?page=8"),
            ("GET /api/sequencers/7/production (whole history)", "/api/sequencers/7/production"),
            ("GET /api/sequencers/7/incidents", "/api/sequencers/7/incidents"),
            ("GET /api/sequencers/7/stake", "/api/sequencers/7/stake"),
            ("GET /api/sequencers/7/rewards", "/api/sequencers/7/rewards"),
            ("GET /api/sequencers/7/daily (every day)", "/api/sequencers/7/daily"),
            ($"GET /api/sequencers/{pooled}/delegators", $"/api/sequencers/{pooled}/delegators"),
            ($"GET /api/sequencers/{pooled}/delegators?page=100", $"/api/sequencers/{pooled}/delegators?page=100"),
            ("GET /api/epochs", "/api/epochs"),
            ("GET /api/epochs?page=200", "/api/epochs?page=200"),
            ("GET /api/epochs?recommitted=true", "/api/epochs?recommitted=true"),
            ($"GET /api/epochs/{epoch}", $"/api/epochs/{epoch}"),
            ("GET /api/blocks", "/api/blocks"),
            ("GET /api/blocks?page=100000 (2.5M blocks deep)", "/api/blocks?page=100000"),
            ($"GET /api/blocks/{head / 2}", $"/api/blocks/{head / 2}"),
            ("GET /api/reward-batches", "/api/reward-batches"),
            ($"GET /api/reward-batches/{batch}", $"/api/reward-batches/{batch}"),
            ("GET /api/reward-batches/reconciliation", "/api/reward-batches/reconciliation"),
            ("GET /api/reward-batches/reconciliation?differences=true", "/api/reward-batches/reconciliation?differences=true"),
            ("GET /api/liveness (30 days)", "/api/liveness"),
            ("GET /api/liveness?window=all", "/api/liveness?window=all"),
            ("GET /api/sequencers/7/liveness?window=all", "/api/sequencers/7/liveness?window=all"),
            ("GET /api/fairness (30 days)", "/api/fairness"),
            ("GET /api/fairness?window=all", "/api/fairness?window=all"),
            ("GET /api/sequencers/7/fairness?window=all", "/api/sequencers/7/fairness?window=all"),
            ("GET /api/reward-payouts", "/api/reward-payouts"),
            ("GET /api/incidents", "/api/incidents"),
            ("GET /api/incidents?since=7 days ago", $"/api/incidents?since={since}"),
            ("GET /api/incidents/by-sequencer?since=7 days ago", $"/api/incidents/by-sequencer?since={since}"),
            ("GET /api/incidents/by-sequencer (all time)", "/api/incidents/by-sequencer"),
            ("GET /api/addresses/{delegator}", $"/api/addresses/{delegator}"),
            ("GET /api/addresses/{delegator}/history", $"/api/addresses/{delegator}/history"),
            ("GET /api/addresses/{delegator}/tax (all time)", $"/api/addresses/{delegator}/tax?from=2000-01-01"),
            ("GET /api/addresses/{operator}/tax (a year of batches)", $"/api/addresses/{operatorOf7}/tax?from={yearAgo}"),
            ("GET /api/addresses/{operator}/tax?format=koinly (a year)", $"/api/addresses/{operatorOf7}/tax?from={yearAgo}&format=koinly"),
            ("GET /api/search?q={tx hash}", $"/api/search?q={tx}"),
            ("GET /api/search?q={block number}", $"/api/search?q={head / 3}"),
            ("GET /api/search?q=Operator 07", "/api/search?q=Operator%2007"),
        ];
    }

    private sealed record WrkResult(double RequestsPerSecond, double P50, double P95, double P99, int Errors);

    private static async Task<WrkResult> WrkAsync(string url, bool unique, CancellationToken cancellationToken, int seconds = 5)
    {
        List<string> arguments = ["-t2", "-c8", $"-d{seconds}s", "--timeout", "10s", "-s", Path.Combine(AppContext.BaseDirectory, "latency.lua"), url];
        if (unique)
        {
            arguments.AddRange(["--", "unique"]);
        }

        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start (install Debian's wrk; bench/run.sh does).");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result for {url}:\n{output}\n{await process.StandardError.ReadToEndAsync(cancellationToken)}");
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        // requests, non-2xx/3xx, socket errors, p50, p95, p99 (ms), duration (s)
        return new WrkResult(f[0] / f[6], f[3], f[4], f[5], (int)(f[1] + f[2]));
    }

    private static async Task<List<(string Table, long Rows, long Bytes)>> SizesAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var tables = new[] { "l2_blocks", "epochs", "incidents", "reward_batches", "sequencer_rewards", "delegations", "delegation_events", "unbondings", "raw_logs", "network_daily", "sequencer_daily" };
        var result = new List<(string, long, long)>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"select count(*), pg_total_relation_size('{table}') + coalesce((select sum(pg_total_relation_size(inhrelid)) from pg_inherits where inhparent = '{table}'::regclass), 0) from {table}", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            result.Add((table, reader.GetInt64(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)));
        }

        return result;
    }
}
