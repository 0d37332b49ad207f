using Dashboard.Ethereum.Rpc;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Server.Indexing;

/// <summary>
/// Writes raw logs and block headers in one round trip each (unnest of arrays), ignoring rows that are already
/// there, so re-processing a range is harmless.
/// </summary>
public static class RawDataWriter
{
    public static async Task InsertBlocksAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long chainId, IReadOnlyCollection<Block> blocks, CancellationToken cancellationToken)
    {
        if (blocks.Count == 0)
        {
            return;
        }

        const string sql = """
            insert into event_blocks (chain_id, number, hash, parent_hash, time)
            select @chain, * from unnest(@numbers, @hashes, @parents, @times)
            on conflict (chain_id, number) do update set hash = excluded.hash, parent_hash = excluded.parent_hash, time = excluded.time
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("chain", chainId);
        command.Parameters.Add(new NpgsqlParameter("numbers", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = blocks.Select(b => b.Number).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("hashes", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = blocks.Select(b => b.Hash.ToBytes()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("parents", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = blocks.Select(b => b.ParentHash.ToBytes()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = blocks.Select(b => b.Time.UtcDateTime).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task InsertLogsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long chainId, IReadOnlyList<IndexedLog> logs, CancellationToken cancellationToken)
    {
        if (logs.Count == 0)
        {
            return;
        }

        const string sql = """
            insert into raw_logs (chain_id, block_hash, log_index, block_number, block_time, transaction_hash, transaction_index, address, topic0, topic1, topic2, topic3, data)
            select @chain, * from unnest(@block_hashes, @log_indexes, @block_numbers, @block_times, @tx_hashes, @tx_indexes, @addresses, @t0, @t1, @t2, @t3, @data)
            on conflict do nothing
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("chain", chainId);
        Add(command, "block_hashes", NpgsqlDbType.Bytea, logs.Select(l => (object)l.Log.BlockHash.ToBytes()));
        Add(command, "log_indexes", NpgsqlDbType.Integer, logs.Select(l => (object)l.Log.LogIndex));
        Add(command, "block_numbers", NpgsqlDbType.Bigint, logs.Select(l => (object)l.Log.BlockNumber));
        Add(command, "block_times", NpgsqlDbType.TimestampTz, logs.Select(l => (object)l.BlockTime.UtcDateTime));
        Add(command, "tx_hashes", NpgsqlDbType.Bytea, logs.Select(l => (object)l.Log.TransactionHash.ToBytes()));
        Add(command, "tx_indexes", NpgsqlDbType.Integer, logs.Select(l => (object)l.Log.TransactionIndex));
        Add(command, "addresses", NpgsqlDbType.Bytea, logs.Select(l => (object)l.Log.Address.ToBytes()));
        for (var t = 0; t < 4; t++)
        {
            var topic = t;
            Add(command, "t" + t, NpgsqlDbType.Bytea, logs.Select(l => topic < l.Log.Topics.Count ? (object)l.Log.Topics[topic].ToBytes() : DBNull.Value));
        }

        Add(command, "data", NpgsqlDbType.Bytea, logs.Select(l => (object)l.Log.Data));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add(NpgsqlCommand command, string name, NpgsqlDbType type, IEnumerable<object> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values.ToArray() });
}
