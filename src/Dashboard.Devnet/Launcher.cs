using System.Globalization;
using Dashboard.Devnet.Apps;
using Dashboard.Devnet.Network;
using Dashboard.Devnet.Postgres;
using Dashboard.Devnet.Processes;
using Dashboard.Devnet.Simulation;
using Npgsql;

namespace Dashboard.Devnet;

/// <summary>
/// <c>Dashboard.Devnet up</c>: the README's first command. Starts, in order, our own PostgreSQL cluster (unless
/// ConnectionStrings__Dashboard is set), the devnet (L1 and L2 anvil chains, contracts, simulated network), the
/// server and the web UI; prints the URL; on Ctrl+C stops everything it started, by PID, in reverse order.
/// </summary>
public static class Launcher
{
    public static async Task<int> RunAsync(string[] args, CancellationToken stop)
    {
        var configuration = DashboardApps.CurrentConfiguration;
        DashboardApps.ServerDll(configuration);
        DashboardApps.WebDll(configuration);

        Directory.CreateDirectory(RepoPaths.Logs);
        var webPort = PortFrom(args, "--web-port", "DASHBOARD_WEB_PORT", 5080);
        var apiPort = PortFrom(args, "--api-port", "DASHBOARD_API_PORT", 5081);
        var inv = CultureInfo.InvariantCulture;
        var started = new Stack<Func<Task>>();
        try
        {
            // 1. PostgreSQL
            var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Dashboard");
            if (string.IsNullOrEmpty(connectionString))
            {
                var data = PostgresCluster.ResolveDataDirectory(Path.Combine(RepoPaths.Local, "postgres"));
                var pgPort = PortFrom(args, "--pg-port", "DASHBOARD_PG_PORT", 55432);
                Say($"PostgreSQL: own cluster in {data}, port {pgPort}");
                var cluster = await PostgresCluster.StartAsync(data, pgPort, Path.Combine(RepoPaths.Logs, "postgres.log"), durable: true, stop);
                started.Push(cluster.StopAsync);
                // Each start brings a fresh devnet, so the data indexed from the previous one goes.
                await cluster.DropDatabaseAsync("dashboard", stop);
                await cluster.CreateDatabaseAsync("dashboard", cancellationToken: stop);
                connectionString = cluster.ConnectionString("dashboard");
            }
            else
            {
                Say($"PostgreSQL: using ConnectionStrings__Dashboard ({new NpgsqlConnectionStringBuilder(connectionString).Host})");
            }

            // 2. The devnet
            var devnet = await LocalDevnet.StartAsync(new LocalDevnetOptions
            {
                L1Port = PortFrom(args, "--l1-port", "DASHBOARD_L1_PORT", 8545),
                L2Port = PortFrom(args, "--l2-port", "DASHBOARD_L2_PORT", 9545),
                LogDirectory = RepoPaths.Logs,
                History = HistoryFrom(args),
                HistoryCache = Path.Combine(RepoPaths.Local, "devnet", "history"),
                Live = true,
                // The demo shows what the dashboard catches: now and then the MPC credits a batch wrongly or commits an epoch
                // late, and sequencer 6 (a pool's operator) sandwiches its users' swaps in some of its epochs.
                Network = new SimulationOptions { MiscreditProbability = 0.03, LateCommitProbability = 0.03, SandwichingSequencer = 6 },
            }, Say, stop);
            started.Push(devnet.StopAsync);
            var manifestPath = Path.Combine(RepoPaths.Local, "devnet", "manifest.json");
            devnet.Manifest.Save(manifestPath);
            Say($"Devnet: L1 {devnet.Manifest.L1.RpcUrl} (chain {devnet.Manifest.L1.ChainId}), L2 {devnet.Manifest.L2.RpcUrl} (chain {devnet.Manifest.L2.ChainId}); manifest {manifestPath}");

            // 3. Alert e-mail: a real SMTP server on loopback that keeps what it gets as .eml files (no account anywhere)
            var mail = new MailCatcher();
            started.Push(async () => await mail.DisposeAsync());
            var mailbox = Path.Combine(RepoPaths.Logs, "mail");
            Directory.CreateDirectory(mailbox);
            mail.Received += caught => File.WriteAllBytes(Path.Combine(mailbox, $"{caught.At:yyyyMMdd-HHmmss-fff}-{string.Join('+', caught.To)}.eml"), caught.Raw);
            Say($"Mail: alert e-mails go to a local SMTP server on 127.0.0.1:{mail.Port.ToString(inv)}, kept in {mailbox}");

            // 4. Server (API + indexers)
            var apiUrl = $"http://127.0.0.1:{apiPort.ToString(inv)}";
            var webUrl = $"http://127.0.0.1:{webPort.ToString(inv)}";
            var server = await DashboardApps.StartServerAsync(configuration, apiUrl, connectionString, manifestPath,
                Path.Combine(RepoPaths.Logs, "server.log"), DashboardApps.AlertSettings(webUrl, mail.Port), cancellationToken: stop);
            started.Push(() => server.StopAsync());
            Say($"Server: {apiUrl} (OpenAPI {apiUrl}/openapi/v1.json)");

            // 5. Web UI
            var web = await DashboardApps.StartWebAsync(configuration, webUrl, apiUrl, Path.Combine(RepoPaths.Logs, "web.log"), stop);
            started.Push(() => web.StopAsync());

            Console.WriteLine();
            Console.WriteLine($"  Dashboard ready: {webUrl}");
            Console.WriteLine($"  API:             {apiUrl}/api/sequencers   (health: {apiUrl}/api/health)");
            Console.WriteLine($"  Logs:            {RepoPaths.Logs}");
            Console.WriteLine("  Press Ctrl+C to stop everything.");
            Console.WriteLine();

            var exited = await WaitForFirstExitAsync([server, web], devnet, stop);
            if (exited is not null)
            {
                Say($"{exited} stopped unexpectedly; stopping the rest. See {RepoPaths.Logs}.");
                return 1;
            }

            return 0;
        }
        finally
        {
            Say("Stopping…");
            while (started.TryPop(out var stopOne))
            {
                try
                {
                    await stopOne();
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException)
                {
                    Console.Error.WriteLine($"  while stopping: {ex.Message}");
                }
            }
        }
    }

    private static async Task<string?> WaitForFirstExitAsync(IReadOnlyList<ManagedProcess> processes, LocalDevnet devnet, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var process in processes)
            {
                if (process.HasExited)
                {
                    return $"{process.Name} (exit code {process.ExitCode})";
                }
            }

            if (devnet.FailedComponent is { } failed)
            {
                return failed;
            }

            try
            {
                await Task.Delay(500, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return null;
    }

    private static int PortFrom(string[] args, string option, string variable, int preferred)
    {
        var text = PostgresCommand.Option(args, option) ?? Environment.GetEnvironmentVariable(variable);
        if (text is not null)
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
                ? port
                : throw new InvalidOperationException($"{option} / {variable} must be a port number, got '{text}'.");
        }

        var chosen = FreePort.PreferOrNext(preferred);
        if (chosen != preferred)
        {
            Say($"Port {preferred} is busy; using {chosen} instead (set {variable} to choose).");
        }

        return chosen;
    }

    /// <summary>Days of simulated history (--history-days / DASHBOARD_HISTORY_DAYS, default 90; 0 for none).</summary>
    private static TimeSpan? HistoryFrom(string[] args)
    {
        var text = PostgresCommand.Option(args, "--history-days") ?? Environment.GetEnvironmentVariable("DASHBOARD_HISTORY_DAYS") ?? "90";
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > 3_650)
        {
            throw new InvalidOperationException($"--history-days / DASHBOARD_HISTORY_DAYS must be a number of days (0–3650), got '{text}'.");
        }

        return days == 0 ? null : TimeSpan.FromDays(days);
    }

    internal static void Say(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
