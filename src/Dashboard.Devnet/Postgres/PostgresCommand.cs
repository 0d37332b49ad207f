using System.Globalization;
using Dashboard.Devnet.Processes;

namespace Dashboard.Devnet.Postgres;

/// <summary>
/// <c>Dashboard.Devnet postgres</c>: runs a cluster until SIGTERM/SIGINT and writes its connection string to an
/// env file. The test script uses it to share one throwaway cluster across all test projects.
/// </summary>
public static class PostgresCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken stop)
    {
        var throwaway = args.Contains("--throwaway");
        var envFile = Option(args, "--env-file");
        var data = Option(args, "--data") ?? (throwaway
            ? Path.Combine(Path.GetTempPath(), $"dashboard-pg-{Environment.ProcessId}")
            : Path.Combine(RepoPaths.Local, "postgres"));
        var port = int.TryParse(Option(args, "--port"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : FreePort.Next();
        data = PostgresCluster.ResolveDataDirectory(data);

        await using var cluster = await PostgresCluster.StartAsync(data, port, Path.Combine(data + "-log", "postgres.log"), durable: !throwaway, stop);
        var connection = cluster.ConnectionString();
        Console.WriteLine($"PostgreSQL {data} on 127.0.0.1:{port} (pid {cluster.Pid})");
        if (envFile is not null)
        {
            // Written last and atomically: the file's presence means "ready".
            var temp = envFile + ".tmp";
            await File.WriteAllTextAsync(temp, $"DASHBOARD_TEST_POSTGRES='{connection}'\nDASHBOARD_TEST_POSTGRES_PID={Environment.ProcessId}\n", stop);
            File.Move(temp, envFile, overwrite: true);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }

        await cluster.StopAsync();
        if (throwaway)
        {
            TryDelete(data);
            TryDelete(data + "-log");
        }

        return 0;
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Leftovers in the temp folder are harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    internal static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
