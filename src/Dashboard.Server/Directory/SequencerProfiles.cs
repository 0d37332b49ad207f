using Dashboard.Ethereum;
using Npgsql;

namespace Dashboard.Server.Directory;

/// <summary>One edit of a sequencer's profile (the newest is the profile).</summary>
public sealed record ProfileEdit(long Id, long SequencerId, string? Name, string? AvatarUrl, bool HasImage, string? Website, string? Description, Address EditedBy, DateTimeOffset EditedAt)
{
    /// <summary>What the avatar is: the uploaded image (served by the API, versioned by the edit) or the URL given.</summary>
    public string? Avatar => HasImage ? $"/api/sequencers/{SequencerId}/avatar?v={Id}" : AvatarUrl;
}

/// <summary>Profiles operators wrote about their sequencers (table sequencer_profiles): read the newest, add an edit, list the history.</summary>
public sealed class SequencerProfiles(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, sequencer_id, name, avatar_url, avatar_png is not null, website, description, edited_by, edited_at";

    /// <summary>The newest edit of every sequencer that has one.</summary>
    public async Task<IReadOnlyDictionary<long, ProfileEdit>> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var read = dataSource.CreateCommand($"select distinct on (sequencer_id) {Columns} from sequencer_profiles order by sequencer_id, id desc");
        return (await ReadAsync(read, cancellationToken)).ToDictionary(p => p.SequencerId);
    }

    public async Task<IReadOnlyList<ProfileEdit>> HistoryAsync(long sequencerId, CancellationToken cancellationToken)
    {
        await using var read = dataSource.CreateCommand($"select {Columns} from sequencer_profiles where sequencer_id = @id order by id desc limit 100");
        read.Parameters.AddWithValue("id", sequencerId);
        return await ReadAsync(read, cancellationToken);
    }

    /// <summary>Adds an edit. <paramref name="image"/>: a new uploaded avatar; null keeps the current one when <paramref name="keepImage"/>.</summary>
    public async Task<long> AddAsync(long sequencerId, string? name, string? avatarUrl, byte[]? image, bool keepImage, string? website, string? description, Address editedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var insert = dataSource.CreateCommand("""
            insert into sequencer_profiles (sequencer_id, name, avatar_url, avatar_png, website, description, edited_by, edited_at)
            values (@sequencer, @name, @avatarUrl,
                    coalesce(@image, case when @keep then (select avatar_png from sequencer_profiles where sequencer_id = @sequencer order by id desc limit 1) end),
                    @website, @description, @by, @at)
            returning id
            """);
        insert.Parameters.AddWithValue("sequencer", sequencerId);
        insert.Parameters.Add(new NpgsqlParameter("name", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)name ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter("avatarUrl", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)avatarUrl ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter("image", NpgsqlTypes.NpgsqlDbType.Bytea) { Value = (object?)image ?? DBNull.Value });
        insert.Parameters.AddWithValue("keep", keepImage);
        insert.Parameters.Add(new NpgsqlParameter("website", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)website ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter("description", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)description ?? DBNull.Value });
        insert.Parameters.AddWithValue("by", editedBy.ToBytes());
        insert.Parameters.AddWithValue("at", at);
        return (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The uploaded avatar (PNG) of an edit, or of the newest edit when <paramref name="editId"/> is null.</summary>
    public async Task<byte[]?> ImageAsync(long sequencerId, long? editId, CancellationToken cancellationToken)
    {
        await using var read = dataSource.CreateCommand("""
            select avatar_png from sequencer_profiles where sequencer_id = @sequencer and (@edit::bigint is null or id = @edit) order by id desc limit 1
            """);
        read.Parameters.AddWithValue("sequencer", sequencerId);
        read.Parameters.Add(new NpgsqlParameter("edit", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)editId ?? DBNull.Value });
        return await read.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    private static async Task<List<ProfileEdit>> ReadAsync(NpgsqlCommand read, CancellationToken cancellationToken)
    {
        var edits = new List<ProfileEdit>();
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            edits.Add(new ProfileEdit(reader.GetInt64(0), reader.GetInt64(1), Text(2), Text(3), reader.GetBoolean(4), Text(5), Text(6),
                new Address((byte[])reader[7]), reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return edits;
    }
}
