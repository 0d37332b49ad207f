using Dashboard.Data.Migrations;
using Dashboard.Devnet;
using Dashboard.Devnet.Postgres;
using Dashboard.Devnet.Processes;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Dashboard.Testing;

/// <summary>
/// The PostgreSQL server for tests: the cluster the test script started (DASHBOARD_TEST_POSTGRES), or, when a
/// test runs alone, a throwaway cluster this process starts and stops. Each test class gets its own database,
/// copied from a template migrated once per process.
/// </summary>
public static class TestPostgres
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _serverConnection;
    private static string? _template;
    private static PostgresCluster? _ownCluster;
    private static int _counter;

    /// <summary>A new, migrated, empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        await Gate.WaitAsync();
        try
        {
            _serverConnection ??= await StartOrFindServerAsync();
            _template ??= await CreateTemplateAsync(_serverConnection);
            var name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}_{Sanitize(purpose)}";
            await ExecuteAsync(_serverConnection, $"create database \"{name}\" template \"{_template}\"");
            return new NpgsqlConnectionStringBuilder(_serverConnection) { Database = name }.ConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_serverConnection!, $"drop database if exists \"{name}\" with (force)");
    }

    private static async Task<string> StartOrFindServerAsync()
    {
        var shared = Environment.GetEnvironmentVariable("DASHBOARD_TEST_POSTGRES");
        if (!string.IsNullOrEmpty(shared))
        {
            return shared;
        }

        var data = PostgresCluster.ResolveDataDirectory(Path.Combine(Path.GetTempPath(), $"dashboard-test-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"));
        _ownCluster = await PostgresCluster.StartAsync(data, FreePort.Next(), data + ".log", durable: false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            _ownCluster.StopAsync().GetAwaiter().GetResult();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless: the next run names its own (a process id alone is reused).
            }
        };
        return _ownCluster.ConnectionString();
    }

    private static async Task<string> CreateTemplateAsync(string server)
    {
        var name = $"template_{Environment.ProcessId}";
        await ExecuteAsync(server, $"drop database if exists \"{name}\"");
        await ExecuteAsync(server, $"create database \"{name}\"");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
        await using (var dataSource = NpgsqlDataSource.Create(connection))
        {
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        }

        return name;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Sanitize(string purpose) =>
        new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30).ToArray());

    /// <summary>The folder of this checkout (tests find contracts and tools through it).</summary>
    public static string RepoRoot => RepoPaths.Root;
}
