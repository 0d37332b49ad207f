using Npgsql;

namespace Dashboard.Server.Indexing;

/// <summary>
/// One indexer per chain across all server instances sharing a database: the leader holds a PostgreSQL
/// session-level advisory lock on a connection it keeps open; the others wait and take over when that session
/// ends (the leader stopped or died). Losing the connection ends leadership.
/// </summary>
public sealed class IndexerLeadership : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _heartbeat;

    private IndexerLeadership(NpgsqlConnection connection)
    {
        _connection = connection;
        _heartbeat = Task.Run(HeartbeatAsync);
    }

    /// <summary>Cancelled when the lock's session is gone.</summary>
    public CancellationToken Lost => _lost.Token;

    public static long LockKey(long chainId) => 0x6D65746973_0000L ^ chainId;

    /// <summary>Waits until this instance leads the chain's indexing; <paramref name="standby"/> is called while another instance does.</summary>
    public static async Task<IndexerLeadership> AcquireAsync(NpgsqlDataSource dataSource, long chainId, Action standby, TimeSpan retry, CancellationToken cancellationToken)
    {
        while (true)
        {
            // A dedicated, unpooled session: the lock lives exactly as long as it.
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString) { Pooling = false, KeepAlive = 5 }.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection);
                command.Parameters.AddWithValue("key", LockKey(chainId));
                if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
                {
                    return new IndexerLeadership(connection);
                }
            }
            catch (NpgsqlException)
            {
                // The database is away; try again below.
            }

            await connection.DisposeAsync();
            standby();
            await Task.Delay(retry, cancellationToken);
        }
    }

    private async Task HeartbeatAsync()
    {
        try
        {
            while (!_lost.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), _lost.Token);
                await using var command = new NpgsqlCommand("select 1", _connection);
                await command.ExecuteScalarAsync(_lost.Token);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or InvalidOperationException or IOException)
        {
            await _lost.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lost.CancelAsync();
        try
        {
            await _heartbeat;
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }

        // Closing the session releases the advisory lock.
        await _connection.DisposeAsync();
        _lost.Dispose();
    }
}
