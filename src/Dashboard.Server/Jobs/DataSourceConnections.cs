using Hangfire.PostgreSql;
using Npgsql;

namespace Dashboard.Server.Jobs;

/// <summary>Hangfire's job store takes its connections from the server's one NpgsqlDataSource (one pool, one configuration).</summary>
public sealed class DataSourceConnections(NpgsqlDataSource dataSource) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
}
