using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Devnet;
using Dashboard.Devnet.Apps;
using Dashboard.Devnet.Network;
using Dashboard.Devnet.Postgres;
using Dashboard.Devnet.Processes;
using Dashboard.Server.Configuration;
using Dashboard.Testing;

namespace Dashboard.Bench;

/// <summary>
/// A backfill through the RPC people really have: each chain behind a local stand-in for a hosted provider that allows
/// 25 calls a second (429 + Retry-After beyond it) and eth_getLogs ranges of 1,000 blocks, the real server process
/// indexing the devnet's history from an empty database. Prints when the first useful pages are ready (the
/// sequencers with their stake and rewards: L1 indexed; epochs and uptime: L2 indexed), blocks per second, calls
/// and HTTP requests per block, and how often the provider refused.
/// </summary>
public static class BackfillBenchmark
{
    private const double CallsPerSecond = 25;
    private const long MaxLogRange = 1_000;

    public static async Task<int> RunAsync(int historyDays, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        var work = BenchDevnet.WorkDirectory;
        await using var devnet = await BenchDevnet.StartAsync(historyDays, cancellationToken);
        var manifestPath = Path.Combine(work, "backfill-manifest.json");
        devnet.Manifest.Save(manifestPath);
        var network = ResolvedNetwork.Resolve(new NetworkOptions { ManifestPath = manifestPath }, RepoPaths.Root);
        var l1Head = await devnet.L1.Rpc.BlockNumberAsync(cancellationToken);
        var l2Head = await devnet.L2.Rpc.BlockNumberAsync(cancellationToken);
        var l1Blocks = l1Head - network.Chain(ChainRole.L1).StartBlock + 1;
        var l2Blocks = l2Head - network.Chain(ChainRole.L2).StartBlock + 1;

        var data = PostgresCluster.ResolveDataDirectory(Path.Combine(work, "backfill-postgres"));
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        await using var cluster = await PostgresCluster.StartAsync(data, FreePort.Next(), Path.Combine(work, "backfill-postgres.log"), durable: true, cancellationToken);
        var runs = new List<string>();
        // The same backfill twice: the server finding the provider's rate from its 429s, then told it.
        foreach (var (name, rate) in new[] { ("rate found from 429s (no setting)", (double?)null), ($"RequestsPerSecond={CallsPerSecond} set", CallsPerSecond) })
        {
            Console.WriteLine($"{name}:");
            var database = rate is null ? "discovered" : "configured";
            await cluster.CreateDatabaseAsync(database, cancellationToken: cancellationToken);
            runs.AddRange(await BackfillAsync(name, rate, devnet, cluster.ConnectionString(database), manifestPath, work, l1Head, l2Head, l1Blocks, l2Blocks, cancellationToken));
        }

        Console.WriteLine();
        Console.WriteLine($"backfill through a rate-limited provider ({CallsPerSecond} calls/s per chain, eth_getLogs ≤ {MaxLogRange:N0} blocks), devnet {historyDays} days: L1 {l1Blocks:N0} blocks, L2 {l2Blocks:N0} blocks");
        foreach (var line in runs)
        {
            Console.WriteLine(line);
        }

        return 0;
    }

    private static async Task<List<string>> BackfillAsync(string name, double? rate, LocalDevnet devnet, string connectionString, string manifestPath, string work,
        long l1Head, long l2Head, long l1Blocks, long l2Blocks, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        await using var l1 = new HostedRpcProxy(devnet.L1.RpcUrl, CallsPerSecond, MaxLogRange);
        await using var l2 = new HostedRpcProxy(devnet.L2.RpcUrl, CallsPerSecond, MaxLogRange);
        var settings = new Dictionary<string, string?>
        {
            ["Network__L1__RpcUrl"] = l1.Url.ToString(),
            ["Network__L2__RpcUrl"] = l2.Url.ToString(),
            // The API's own per-client limit is not what is measured here.
            ["RateLimit__PermitsPerMinute"] = "100000",
        };
        if (rate is { } r)
        {
            settings["Network__L1__RequestsPerSecond"] = r.ToString(inv);
            settings["Network__L2__RequestsPerSecond"] = r.ToString(inv);
        }

        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var clock = Stopwatch.StartNew();
        await using var server = await DashboardApps.StartServerAsync(DashboardApps.CurrentConfiguration, url, connectionString, manifestPath,
            Path.Combine(work, "backfill-server.log"), settings, cancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var sequencers = devnet.Manifest.Sequencers.Count;
        TimeSpan? sequencersReady = null, l1Ready = null, l2Ready = null, eventsReady = null;
        double? firstEta = null;
        var lastLine = TimeSpan.Zero;
        while (l2Ready is null || l1Ready is null)
        {
            await Task.Delay(250, cancellationToken);
            var health = await http.GetFromJsonAsync<HealthReport>("api/health", ApiJson.Options, cancellationToken);
            var chainL1 = health!.Chains.Single(c => c.Chain == "L1");
            var chainL2 = health.Chains.Single(c => c.Chain == "L2");
            firstEta ??= chainL2.EstimatedSecondsLeft;
            if (sequencersReady is null)
            {
                var list = await http.GetFromJsonAsync<PageOf<SequencerSummary>>("api/sequencers?pageSize=100", ApiJson.Options, cancellationToken);
                if (list!.Total >= sequencers && list.Items.All(s => s.Locked > 0 || s.Status == SequencerStatus.Unlocked))
                {
                    sequencersReady = clock.Elapsed;
                }
            }

            l1Ready ??= chainL1.IndexedBlock >= l1Head ? clock.Elapsed : null;
            l2Ready ??= chainL2.IndexedBlock >= l2Head ? clock.Elapsed : null;
            // Epochs, recommits and uptime need the L2 events only: ahead of the blocks when the events come first.
            eventsReady ??= chainL2.EventsIndexedBlock >= l2Head || chainL2.IndexedBlock >= l2Head ? clock.Elapsed : null;
            if (clock.Elapsed - lastLine >= TimeSpan.FromSeconds(15))
            {
                lastLine = clock.Elapsed;
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:0} s: L1 {chainL1.IndexedBlock ?? 0:N0}/{l1Head:N0}, L2 {chainL2.IndexedBlock ?? 0:N0}/{l2Head:N0} " +
                    $"({chainL2.BlocksPerSecond ?? 0:0.0} blocks/s, {chainL2.EstimatedSecondsLeft?.ToString("0", inv) ?? "?"} s left, sending ≤ {chainL2.RequestRate?.ToString("0.#", inv) ?? "∞"} calls/s, {chainL2.RateLimited} × 429)");
            }
        }

        await server.StopAsync();
        return
        [
            $"{name}:",
            $"  {"",-4} {"ready after s",13} {"blocks/s",9} {"calls",7} {"calls/block",12} {"requests/block",15} {"429s",5} {"log ranges refused",19}",
            Row("L1", l1Ready!.Value, l1Blocks, l1),
            Row("L2", l2Ready!.Value, l2Blocks, l2),
            $"  first useful page (every sequencer with its stake and rewards, /sequencers): {sequencersReady?.TotalSeconds.ToString("0.0", inv) ?? "never"} s after the server started",
            $"  epochs, recommits and uptime (L2 events at the head): {eventsReady?.TotalSeconds.ToString("0.0", inv) ?? "never"} s",
            $"  fees and stalls (L2 blocks at the head): {l2Ready.Value.TotalSeconds.ToString("0.0", inv)} s; first time left the health endpoint estimated for L2: {firstEta?.ToString("0", inv) ?? "none"} s",
            $"  floor at this rate: L2 calls ÷ {CallsPerSecond} = {(l2.Calls / CallsPerSecond).ToString("0", inv)} s",
        ];

        static string Row(string chain, TimeSpan ready, long blocks, HostedRpcProxy proxy) =>
            $"  {chain,-4} {ready.TotalSeconds,13:0.0} {blocks / ready.TotalSeconds,9:0.0} {proxy.Calls,7:N0} {(double)proxy.Calls / blocks,12:0.00} {(double)proxy.Requests / blocks,15:0.000} {proxy.RateLimited,5} {proxy.RangeRefused,19}";
    }
}
