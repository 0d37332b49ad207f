using Npgsql;

namespace Dashboard.Server.Analytics;

/// <summary>
/// Where one of the stats job's passes over new L2 blocks stopped: a column of rollup_state (the job's transaction holds
/// its row, so an L2 rollback, which lowers the mark, waits for the pass or is seen by it).
/// </summary>
internal static class BlockMark
{
    /// <summary>The blocks indexed since the pass last ran, or null when there are none.</summary>
    public static async Task<(long From, long To)?> NewBlocksAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string column, CancellationToken cancellationToken)
    {
        long? through, head;
        await using (var read = new NpgsqlCommand($"select {column} from rollup_state where id = 1 for update", connection, transaction))
        {
            through = await read.ExecuteScalarAsync(cancellationToken) is long value ? value : null;
        }

        await using (var read = new NpgsqlCommand("select max(number) from l2_blocks", connection, transaction))
        {
            head = await read.ExecuteScalarAsync(cancellationToken) is long value ? value : null;
        }

        return head is { } to && (through is null || to > through) ? ((through ?? -1) + 1, to) : null;
    }

    public static async Task SetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string column, long through, CancellationToken cancellationToken)
    {
        await using var mark = new NpgsqlCommand($"update rollup_state set {column} = @through where id = 1", connection, transaction);
        mark.Parameters.AddWithValue("through", through);
        await mark.ExecuteNonQueryAsync(cancellationToken);
    }
}
