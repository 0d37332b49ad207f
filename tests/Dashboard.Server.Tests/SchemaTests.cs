using Dashboard.Data;
using Dashboard.Data.Migrations;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Dashboard.Server.Tests;

/// <summary>The hand-written migrations are the schema; the EF Core model must map onto exactly that.</summary>
public sealed class SchemaTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Ef_model_matches_the_migrated_schema()
    {
        var columns = await ReadColumnsAsync();
        await using var db = new DashboardDb(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(database.ConnectionString).Options);
        var problems = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(store)!;
                if (!columns.TryGetValue((table, column), out var actual))
                {
                    problems.Add($"{table}.{column} ({entity.ClrType.Name}.{property.Name}) is not in the migrated schema");
                    continue;
                }

                if (actual.Nullable != property.IsNullable)
                {
                    problems.Add($"{table}.{column}: EF says nullable={property.IsNullable}, the database says {actual.Nullable}");
                }

                var efType = property.GetColumnType(store).Split('(')[0].Trim();
                if (!SameType(efType, actual.Type))
                {
                    problems.Add($"{table}.{column}: EF maps {efType}, the database has {actual.Type}");
                }
            }

            var key = entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(store)).ToArray();
            var dbKey = await ReadPrimaryKeyAsync(table);
            if (!key.SequenceEqual(dbKey))
            {
                problems.Add($"{table}: EF key ({string.Join(", ", key)}) differs from the primary key ({string.Join(", ", dbKey)})");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Runner_applies_nothing_twice()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var applied = await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        Assert.Empty(applied);
    }

    [Fact]
    public async Task Runner_refuses_a_migration_edited_after_it_was_applied()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using (var tamper = dataSource.CreateCommand("update schema_migrations set checksum = 'edited' where version = @v"))
        {
            tamper.Parameters.AddWithValue("v", MigrationRunner.Embedded[0].Version);
            await tamper.ExecuteNonQueryAsync();
        }

        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync());
            Assert.Contains("was changed after it was applied", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await using var restore = dataSource.CreateCommand("update schema_migrations set checksum = @c where version = @v");
            restore.Parameters.AddWithValue("c", MigrationRunner.Embedded[0].Checksum);
            restore.Parameters.AddWithValue("v", MigrationRunner.Embedded[0].Version);
            await restore.ExecuteNonQueryAsync();
        }
    }

    private static bool SameType(string ef, string database) => (ef, database) switch
    {
        _ when ef == database => true,
        ("timestamp with time zone", "timestamptz") => true,
        ("numeric", "numeric") => true,
        _ => false,
    };

    private async Task<Dictionary<(string Table, string Column), (string Type, bool Nullable)>> ReadColumnsAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select c.relname, a.attname, format_type(a.atttypid, null), not a.attnotnull
            from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new Dictionary<(string, string), (string, bool)>();
        while (await reader.ReadAsync())
        {
            result[(reader.GetString(0), reader.GetString(1))] = (reader.GetString(2), reader.GetBoolean(3));
        }

        return result;
    }

    private async Task<string[]> ReadPrimaryKeyAsync(string table)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select a.attname from pg_index i
            join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
            where i.indrelid = @t::regclass and i.indisprimary
            order by array_position(i.indkey::int2[], a.attnum)
            """, connection);
        command.Parameters.AddWithValue("t", table);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns.ToArray();
    }
}
