using Dashboard.Core.Chains;
using Npgsql;

namespace Dashboard.Server.Indexing;

/// <summary>How the indexer's client is faring with its node: its pace, the refusals for rate, the calls it retried.</summary>
public sealed record RpcPace(double? Rate, long RateLimited, long Retries, (string Error, DateTimeOffset At)? LastRetry);

/// <summary>Upserts the per-chain heartbeat row (its own short transaction, never the data's).</summary>
public sealed class IndexerStatusStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <param name="rpc">The client's pace: calls per second allowed now (null: no limit) and rate-limit answers so far.</param>
    public async Task ReportProgressAsync(long chainId, ChainRole role, long head, long? indexed, DateTimeOffset? indexedTime, double? blocksPerSecond,
        RpcPace rpc, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into indexer_status (chain_id, role, head_block, indexed_block, indexed_block_time, blocks_per_second, request_rate, rate_limited,
                                        rpc_retries, last_retry_error, last_retry_at, updated_at)
            values (@chain, @role, @head, @indexed, @time, @rate, @request_rate, @rate_limited, @retries, @retry_error, @retry_at, @now)
            on conflict (chain_id) do update set
                role = excluded.role,
                head_block = excluded.head_block,
                indexed_block = coalesce(excluded.indexed_block, indexer_status.indexed_block),
                indexed_block_time = coalesce(excluded.indexed_block_time, indexer_status.indexed_block_time),
                blocks_per_second = coalesce(excluded.blocks_per_second, indexer_status.blocks_per_second),
                request_rate = excluded.request_rate,
                rate_limited = excluded.rate_limited,
                rpc_retries = excluded.rpc_retries,
                last_retry_error = coalesce(excluded.last_retry_error, indexer_status.last_retry_error),
                last_retry_at = coalesce(excluded.last_retry_at, indexer_status.last_retry_at),
                updated_at = excluded.updated_at
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("chain", chainId);
        command.Parameters.AddWithValue("role", role.ToString());
        command.Parameters.AddWithValue("head", head);
        command.Parameters.AddWithValue("indexed", (object?)indexed ?? DBNull.Value);
        command.Parameters.AddWithValue("time", indexedTime is { } t ? t.UtcDateTime : DBNull.Value);
        command.Parameters.AddWithValue("rate", (object?)blocksPerSecond ?? DBNull.Value);
        command.Parameters.AddWithValue("request_rate", (object?)rpc.Rate ?? DBNull.Value);
        command.Parameters.AddWithValue("rate_limited", rpc.RateLimited);
        command.Parameters.AddWithValue("retries", rpc.Retries);
        command.Parameters.AddWithValue("retry_error", rpc.LastRetry is { } retry ? (retry.Error.Length > 500 ? retry.Error[..500] : retry.Error) : DBNull.Value);
        command.Parameters.AddWithValue("retry_at", rpc.LastRetry is { } at ? at.At.UtcDateTime : DBNull.Value);
        command.Parameters.AddWithValue("now", clock.GetUtcNow().UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The L2 events pass's frontier (null when the events go with the blocks again).</summary>
    public async Task ReportEventsAsync(long chainId, ChainRole role, long? block, DateTimeOffset? time, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into indexer_status (chain_id, role, events_block, events_block_time, updated_at)
            values (@chain, @role, @block, @time, @now)
            on conflict (chain_id) do update set events_block = excluded.events_block, events_block_time = excluded.events_block_time, updated_at = excluded.updated_at
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("chain", chainId);
        command.Parameters.AddWithValue("role", role.ToString());
        command.Parameters.AddWithValue("block", (object?)block ?? DBNull.Value);
        command.Parameters.AddWithValue("time", time is { } t ? t.UtcDateTime : DBNull.Value);
        command.Parameters.AddWithValue("now", clock.GetUtcNow().UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReportErrorAsync(long chainId, ChainRole role, string error, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into indexer_status (chain_id, role, last_error, last_error_at, updated_at)
            values (@chain, @role, @error, @now, @now)
            on conflict (chain_id) do update set last_error = excluded.last_error, last_error_at = excluded.last_error_at, updated_at = excluded.updated_at
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("chain", chainId);
        command.Parameters.AddWithValue("role", role.ToString());
        command.Parameters.AddWithValue("error", error.Length > 2000 ? error[..2000] : error);
        command.Parameters.AddWithValue("now", clock.GetUtcNow().UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
