using Dashboard.Core.Api;
using Npgsql;

namespace Dashboard.Server.Analytics;

/// <summary>
/// One report's reads over a rolling window: a connection whose commands carry <c>@since</c> (the window's start) and
/// <c>@sequencer</c> (null for the whole network).
/// </summary>
internal sealed class WindowQuery(NpgsqlConnection connection, DateTime since, long? sequencerId) : IAsyncDisposable
{
    public static async Task<WindowQuery> OpenAsync(NpgsqlDataSource dataSource, TimeProvider clock, string window, long? sequencerId, CancellationToken cancellationToken)
    {
        var span = TimeWindows.Rolling.Single(w => w.Name == window).Span;
        var since = span is { } s ? (clock.GetUtcNow() - s).UtcDateTime : DateTime.MinValue.ToUniversalTime();
        return new WindowQuery(await dataSource.OpenConnectionAsync(cancellationToken), since, sequencerId);
    }

    public NpgsqlCommand Command(string sql)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("since", since);
        command.Parameters.Add(new NpgsqlParameter<long?>("sequencer", sequencerId));
        return command;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
