using Dashboard.Data.Migrations;
using Npgsql;

namespace Dashboard.Server.Indexing;

/// <summary>
/// Applies /migrations — and, when jobs run, installs Hangfire's schema under the same lock — before anything else
/// starts (hosted services start in registration order and this one finishes before the next). Waits for the
/// database for a while so the server may start before PostgreSQL.
/// </summary>
public sealed class DatabaseMigrator(MigrationRunner runner, NpgsqlDataSource dataSource, IConfiguration configuration, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public const string JobsSchema = "hangfire";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var applied = await runner.ApplyAsync(configuration.GetValue("Jobs:Enabled", true) ? InstallJobStoreAsync : null, cancellationToken);
                logger.LogInformation("Database schema ready ({Count} migrations applied now)", applied.Count);
                return;
            }
            catch (NpgsqlException ex) when (DateTime.UtcNow < deadline && ex.IsTransient)
            {
                logger.LogWarning("Waiting for PostgreSQL at {Host}: {Error}", Describe(), ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (NpgsqlException ex)
            {
                throw new InvalidOperationException(
                    $"Cannot reach PostgreSQL at {Describe()} ({ex.Message}). Check ConnectionStrings:Dashboard, or start with the README's first command, which runs its own cluster.", ex);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Idempotent: Hangfire's installer applies only the scripts the schema has not seen.
    private static Task InstallJobStoreAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(connection, JobsSchema);
        return Task.CompletedTask;
    }

    private string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
