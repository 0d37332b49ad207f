using Xunit;

namespace Dashboard.Testing;

/// <summary>xunit class fixture: one migrated database for the test class, dropped afterwards.</summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await TestPostgres.CreateDatabaseAsync(GetType().Name);

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(ConnectionString);
}
