using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dashboard.Data.Migrations;

/// <summary>
/// Applies the ordered SQL files of /migrations (embedded in this assembly) that the database has not seen,
/// each in its own transaction, under a PostgreSQL advisory lock so that several server instances starting
/// together apply each file once. A file changed after it was applied stops the start with a clear message.
/// Schemas owned by libraries (Hangfire's job store) are installed under the same lock, after ours.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    // Any constant shared by all instances; "dashmig" in ASCII.
    private const long LockKey = 0x646173686D6967;

    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken cancellationToken = default) => await ApplyAsync(null, cancellationToken);

    /// <param name="alsoUnderLock">Runs after the migrations, still holding the lock: installers of other schemas, which race on a cold concurrent start otherwise.</param>
    public async Task<IReadOnlyList<string>> ApplyAsync(Func<NpgsqlConnection, CancellationToken, Task>? alsoUnderLock, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, "select pg_advisory_lock(@key)", cancellationToken, ("key", LockKey));
        try
        {
            await Execute(connection, """
                create table if not exists schema_migrations (
                    version     text        primary key,
                    checksum    text        not null,
                    applied_at  timestamptz not null default now()
                )
                """, cancellationToken);

            var applied = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var command = new NpgsqlCommand("select version, checksum from schema_migrations", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied[reader.GetString(0)] = reader.GetString(1);
                }
            }

            var done = new List<string>();
            foreach (var migration in Embedded)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Version} was changed after it was applied to this database. Add a new migration file instead of editing an applied one.");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    command.CommandTimeout = 0;
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand("insert into schema_migrations (version, checksum) values (@v, @c)", connection, transaction))
                {
                    record.Parameters.AddWithValue("v", migration.Version);
                    record.Parameters.AddWithValue("c", migration.Checksum);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Version}", migration.Version);
                done.Add(migration.Version);
            }

            if (alsoUnderLock is not null)
            {
                await alsoUnderLock(connection, cancellationToken);
            }

            return done;
        }
        finally
        {
            await Execute(connection, "select pg_advisory_unlock(@key)", CancellationToken.None, ("key", LockKey));
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("migrations/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Read(assembly, n))
            .OrderBy(m => m.Version, StringComparer.Ordinal)
            .ToList();
    }

    private static Migration Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var version = Path.GetFileNameWithoutExtension(resource["migrations/".Length..]);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
        return new Migration(version, sql, checksum);
    }
}

/// <summary>One migration file: its version (file name), SQL and checksum.</summary>
public sealed record Migration(string Version, string Sql, string Checksum);
