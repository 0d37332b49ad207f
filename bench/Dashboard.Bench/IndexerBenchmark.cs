using System.Diagnostics;
using System.Globalization;
using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Data.Migrations;
using Dashboard.Devnet;
using Dashboard.Devnet.Apps;
using Dashboard.Devnet.Network;
using Dashboard.Devnet.Postgres;
using Dashboard.Devnet.Processes;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Dashboard.Server.Indexing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Dashboard.Bench;

/// <summary>
/// Indexer speed on the devnet's history, side by side in one run: the lean fetch (the indexer's own requests,
/// recorded, replayed and nothing parsed: the physical limit), our sources fetching and parsing the same data with no
/// database, then the real server process indexing into an empty database until both checkpoints reach the heads.
/// Prints events/s, blocks/s, the ratio to the lean fetch, CPU seconds of the server and the server's peak memory.
/// </summary>
public static class IndexerBenchmark
{
    public static async Task<int> RunAsync(int historyDays, CancellationToken cancellationToken)
    {
        var work = BenchDevnet.WorkDirectory;
        await using var devnet = await BenchDevnet.StartAsync(historyDays, cancellationToken);
        var manifestPath = Path.Combine(work, "manifest.json");
        devnet.Manifest.Save(manifestPath);

        var data = PostgresCluster.ResolveDataDirectory(Path.Combine(work, "postgres"));
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        await using var cluster = await PostgresCluster.StartAsync(data, FreePort.Next(), Path.Combine(work, "postgres.log"), durable: true, cancellationToken);
        await cluster.CreateDatabaseAsync("raw", cancellationToken: cancellationToken);
        await cluster.CreateDatabaseAsync("indexed", cancellationToken: cancellationToken);
        await MigrateAsync(cluster.ConnectionString("raw"), cancellationToken);

        var network = ResolvedNetwork.Resolve(new NetworkOptions { ManifestPath = manifestPath }, RepoPaths.Root);
        var l1Head = await devnet.L1.Rpc.BlockNumberAsync(cancellationToken);
        var l2Head = await devnet.L2.Rpc.BlockNumberAsync(cancellationToken);

        // 0. Untimed: our sources fetch the whole history once while their requests are recorded.
        var lean = network.Chains.Select(c => new LeanFetch(c.RpcUrl)).ToList();
        await Task.WhenAll(network.Chains.Select((chain, i) => FetchAllAsync(chain, cluster.ConnectionString("raw"), chain.Role == ChainRole.L1 ? l1Head : l2Head, lean[i].Recorder(), cancellationToken)));

        // 1. The lean fetch: those requests replayed, answers read and dropped.
        var self = System.Diagnostics.Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var (leanTime, leanBytes) = await LeanFetch.ReplayAllAsync(lean, cancellationToken);
        self.Refresh();
        var leanCpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;

        // 2. Our sources: the same data fetched and parsed (no database), both chains concurrently.
        cpuBefore = self.TotalProcessorTime;
        var raw = Stopwatch.StartNew();
        var fetched = await Task.WhenAll(network.Chains.Select(chain => FetchAllAsync(chain, cluster.ConnectionString("raw"), chain.Role == ChainRole.L1 ? l1Head : l2Head, null, cancellationToken)));
        raw.Stop();
        self.Refresh();
        var rawCpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
        var events = fetched.Sum(f => f.Events);
        var blocks = fetched.Sum(f => f.Blocks);

        // 3. The indexer: the built server process, from an empty database to both heads.
        var inv = CultureInfo.InvariantCulture;
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var withStartup = Stopwatch.StartNew();
        await using var server = await DashboardApps.StartServerAsync(DashboardApps.CurrentConfiguration, url, cluster.ConnectionString("indexed"), manifestPath,
            Path.Combine(work, "server.log"), new Dictionary<string, string?> { ["Jobs__Enabled"] = "false" }, cancellationToken);
        // The indexers start with the host; the clock below starts when it answers (schema applied), which can only flatter
        // the indexer by the moment between the two. The process start is shown on its own.
        var startup = withStartup.Elapsed;
        var serverCpuAtReady = ProcessMemory.CpuSeconds(server.Pid);
        // DASHBOARD_BENCH_TRACE=<dotnet-trace executable>: a CPU profile of the server while it indexes, for finding where the time goes.
        var trace = Environment.GetEnvironmentVariable("DASHBOARD_BENCH_TRACE") is { Length: > 0 } tracer
            ? ManagedProcess.Start("trace", tracer, ["collect", "-p", server.Pid.ToString(inv), "--format", "speedscope", "-o", Path.Combine(work, "indexer.nettrace")], Path.Combine(work, "trace.log"))
            : null;
        var indexed = Stopwatch.StartNew();
        await WaitForHeadsAsync(cluster.ConnectionString("indexed"), network, l1Head, l2Head, cancellationToken);
        indexed.Stop();
        if (trace is not null)
        {
            await trace.StopAsync(TimeSpan.FromSeconds(30), ManagedProcess.SigInt);
            await trace.DisposeAsync();
        }

        var peakMb = ProcessMemory.PeakMb(server.Pid);
        var cpuSeconds = ProcessMemory.CpuSeconds(server.Pid) - serverCpuAtReady;
        await server.StopAsync();

        Console.WriteLine();
        Console.WriteLine($"indexer backfill, devnet history: {blocks:N0} blocks (L1 {fetched[0].Blocks:N0} with {fetched[0].Events:N0} events, L2 {fetched[1].Blocks:N0} with {fetched[1].Events:N0} events and {fetched[1].Receipts:N0} receipts)");
        Console.WriteLine($"lean fetch: {lean.Sum(l => l.Requests):N0} requests, {leanBytes / 1e6:0.0} MB of answers");
        Console.WriteLine($"{"",-26} {"seconds",8} {"events/s",10} {"blocks/s",10} {"ratio",6} {"client CPU s",13}");
        Console.WriteLine($"{"lean fetch (the limit)",-26} {leanTime.TotalSeconds,8:0.00} {events / leanTime.TotalSeconds,10:N0} {blocks / leanTime.TotalSeconds,10:N0} {1.0,6:0.00} {leanCpu,13:0.0}");
        Console.WriteLine($"{"our sources (parse, no db)",-26} {raw.Elapsed.TotalSeconds,8:0.00} {events / raw.Elapsed.TotalSeconds,10:N0} {blocks / raw.Elapsed.TotalSeconds,10:N0} {raw.Elapsed / leanTime,6:0.00} {rawCpu,13:0.0}");
        Console.WriteLine($"{"indexer (empty → head)",-26} {indexed.Elapsed.TotalSeconds,8:0.00} {events / indexed.Elapsed.TotalSeconds,10:N0} {blocks / indexed.Elapsed.TotalSeconds,10:N0} {indexed.Elapsed / leanTime,6:0.00} {cpuSeconds,13:0.0}");
        var ratio = indexed.Elapsed / leanTime;
        Console.WriteLine($"ratio indexer / lean fetch: {ratio.ToString("0.00", inv)}  (target ≤ 1.50: {(ratio <= 1.5 ? "met" : "NOT met")})");
        Console.WriteLine($"server process start to ready (not in the ratio): {startup.TotalSeconds.ToString("0.00", inv)} s");
        Console.WriteLine($"server peak memory (VmHWM): {peakMb.ToString("0", inv)} MB");

        await LibraryComparison.RunAsync(network.Chain(ChainRole.L1).RpcUrl, network.Chain(ChainRole.L2).RpcUrl, l1Head, l2Head, cancellationToken);
        return 0;
    }

    private static async Task<(long Events, long Blocks, long Receipts)> FetchAllAsync(IndexedChain chain, string connectionString, long head, DelegatingHandler? recorder, CancellationToken cancellationToken)
    {
        using var http = recorder is null ? new HttpClient { Timeout = Timeout.InfiniteTimeSpan } : new HttpClient(recorder) { Timeout = Timeout.InfiniteTimeSpan };
        var rpc = new EthRpcClient(http, chain.RpcUrl, new RpcClientOptions());
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var dbFactory = new PooledDbContextFactory<DashboardDb>(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(dataSource).Options);
        var source = SourceFor(chain, rpc, dbFactory);
        long events = 0, receipts = 0;
        var from = chain.StartBlock;
        while (from <= head)
        {
            var range = await source.FetchAsync(from, Math.Min(head, from + source.NextRangeSize(from) - 1), cancellationToken);
            events += range.Logs.Count;
            receipts += range.L2Blocks.Sum(b => (long)b.TxCount);
            from = range.To + 1;
        }

        return (events, head - chain.StartBlock + 1, receipts);
    }

    private static IChainSource SourceFor(IndexedChain chain, EthRpcClient rpc, IDbContextFactory<DashboardDb> dbFactory) =>
        chain.Role == ChainRole.L1 ? new L1Source(chain, rpc, dbFactory, NullLogger.Instance) : new L2Source(chain, rpc, dbFactory, NullLogger.Instance);

    private static async Task WaitForHeadsAsync(string connectionString, ResolvedNetwork network, long l1Head, long l2Head, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        while (true)
        {
            try
            {
                if (connection.State != System.Data.ConnectionState.Open)
                {
                    await connection.OpenAsync(cancellationToken);
                }

                await using var command = new NpgsqlCommand("select count(*) from chain_checkpoints where (chain_id = @l1 and block_number >= @h1) or (chain_id = @l2 and block_number >= @h2)", connection);
                command.Parameters.AddWithValue("l1", network.Chain(ChainRole.L1).ChainId);
                command.Parameters.AddWithValue("l2", network.Chain(ChainRole.L2).ChainId);
                command.Parameters.AddWithValue("h1", l1Head);
                command.Parameters.AddWithValue("h2", l2Head);
                if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 2)
                {
                    return;
                }
            }
            catch (PostgresException ex) when (ex.SqlState == "42P01")
            {
                // The server has not created the tables yet.
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static async Task MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(cancellationToken);
    }
}
