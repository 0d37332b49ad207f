using Dashboard.Devnet.Processes;
using Npgsql;

namespace Dashboard.Devnet.Postgres;

/// <summary>
/// Our own PostgreSQL cluster in a data folder on 127.0.0.1 (never the machine's "main" cluster): created with
/// initdb on first use, run as a child process we stop by PID. PostgreSQL refuses to run as root, so when we are
/// root the server runs as the "postgres" system user (setpriv), which must be able to reach the folder.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly ManagedProcess _process;

    private PostgresCluster(ManagedProcess process, string dataDirectory, int port)
    {
        _process = process;
        DataDirectory = dataDirectory;
        Port = port;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public int Pid => _process.Pid;

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            Pooling = true,
            MaxPoolSize = 50,
        }.ConnectionString;

    /// <summary>Initializes the cluster if the folder is empty, starts it and waits until it accepts connections.</summary>
    /// <param name="durable">False for throwaway test clusters: fsync off, which is several times faster and unsafe on power loss.</param>
    public static async Task<PostgresCluster> StartAsync(string dataDirectory, int port, string logPath, bool durable = true, CancellationToken cancellationToken = default)
    {
        var bin = FindBinaries();
        dataDirectory = Path.GetFullPath(dataDirectory);
        var runAs = Environment.IsPrivilegedProcess ? "postgres" : null;
        PrepareDirectory(dataDirectory, runAs);

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            var init = ManagedProcess.Start("initdb", Command(runAs, Path.Combine(bin, "initdb")).File,
                Command(runAs, Path.Combine(bin, "initdb")).Prefix.Concat(["-D", dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"]),
                logPath);
            if (await init.WaitForExitAsync(cancellationToken) != 0)
            {
                throw new InvalidOperationException($"initdb failed for {dataDirectory}:\n{init.Tail}");
            }
        }

        var settings = new List<string>
        {
            "-D", dataDirectory,
            "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", "max_connections=200",
            "-c", "shared_buffers=256MB",
            "-c", "max_locks_per_transaction=256",
        };
        if (!durable)
        {
            settings.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        var command = Command(runAs, Path.Combine(bin, "postgres"));
        var process = ManagedProcess.Start("postgres", command.File, command.Prefix.Concat(settings), logPath);
        var cluster = new PostgresCluster(process, dataDirectory, port);
        await cluster.WaitUntilReadyAsync(cancellationToken);
        return cluster;
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"PostgreSQL exited while starting (data folder {DataDirectory}, port {Port}):\n{_process.Tail}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false;Timeout=2");
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (NpgsqlException ex)
            {
                throw new InvalidOperationException($"PostgreSQL did not accept connections on port {Port} within 60 s:\n{_process.Tail}", ex);
            }
        }
    }

    /// <summary>Creates <paramref name="name"/> (optionally as a copy of <paramref name="template"/>) unless it exists.</summary>
    public async Task CreateDatabaseAsync(string name, string? template = null, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("select 1 from pg_database where datname = @n", connection))
        {
            exists.Parameters.AddWithValue("n", name);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }
        }

        var sql = $"create database \"{name}\"" + (template is null ? "" : $" template \"{template}\"");
        await using var create = new NpgsqlCommand(sql, connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection);
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Fast shutdown (SIGINT), by PID.</summary>
    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(15), ManagedProcess.SigInt);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _process.DisposeAsync();
    }

    /// <summary>
    /// A data folder the server's user can use: <paramref name="preferred"/> when it can, otherwise (root with a
    /// repository under a private home folder) a folder under /var/tmp named after the preferred path.
    /// </summary>
    public static string ResolveDataDirectory(string preferred)
    {
        preferred = Path.GetFullPath(preferred);
        if (!Environment.IsPrivilegedProcess || CanReach("postgres", Path.GetDirectoryName(preferred)!))
        {
            return preferred;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(preferred)))[..12];
        return Path.Combine("/var/tmp", $"metis-dashboard-{hash}", "postgres");
    }

    private static void PrepareDirectory(string dataDirectory, string? runAs)
    {
        Directory.CreateDirectory(dataDirectory);
        if (runAs is null)
        {
            return;
        }

        Run("chown", "-R", $"{runAs}:{runAs}", dataDirectory);
        Run("chmod", "700", dataDirectory);
        if (!CanReach(runAs, dataDirectory))
        {
            throw new InvalidOperationException(
                $"PostgreSQL runs as the '{runAs}' user (it refuses root), and that user cannot reach {dataDirectory}. Use a data folder outside private home folders.");
        }
    }

    private static bool CanReach(string user, string directory)
    {
        Directory.CreateDirectory(directory);
        var test = Command(user, "/usr/bin/test");
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(test.File, test.Prefix.Concat(["-x", directory, "-a", "-w", directory])) { UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode == 0)
        {
            return true;
        }

        // The folder itself may still be root's: hand it over and ask again (the parents are what matters).
        Run("chown", $"{user}:{user}", directory);
        using var again = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(test.File, test.Prefix.Concat(["-x", directory, "-a", "-w", directory])) { UseShellExecute = false })!;
        again.WaitForExit();
        return again.ExitCode == 0;
    }

    private static (string File, string[] Prefix) Command(string? runAs, string program) =>
        runAs is null
            ? (program, [])
            : ("setpriv", [$"--reuid={runAs}", $"--regid={runAs}", "--init-groups", "--", program]);

    private static void Run(string file, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, arguments) { UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}.");
        }
    }

    /// <summary>The newest installed PostgreSQL server binaries (Debian puts them in /usr/lib/postgresql/N/bin), or PG_BIN.</summary>
    public static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrEmpty(configured) && File.Exists(Path.Combine(configured, "postgres")))
        {
            return configured;
        }

        const string root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(c => File.Exists(Path.Combine(c.Dir, "postgres")) && File.Exists(Path.Combine(c.Dir, "initdb")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        return candidates.Count > 0
            ? candidates[0].Dir
            : throw new InvalidOperationException("PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin and PG_BIN). The README's commands install the Debian 'postgresql' package.");
    }
}
