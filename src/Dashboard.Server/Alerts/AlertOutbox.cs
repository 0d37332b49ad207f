using Dashboard.Core.Api;
using Dashboard.Ethereum;
using Dashboard.Server.Directory;
using Hangfire;
using Npgsql;

namespace Dashboard.Server.Alerts;

/// <summary>
/// Turns facts into alerts inside the indexer's transaction: the outbox rows commit with the fact or not at all, so a
/// crash loses none and writing a range again (restart, another instance) adds none (one row per subscription and fact
/// key). After the commit the rows are handed to Hangfire for delivery; a sweep picks up any whose hand-over was lost.
/// </summary>
public sealed class AlertOutbox(SequencerDirectory directory, IServiceProvider services, TimeProvider clock, ILogger<AlertOutbox> logger)
{
    private static readonly TimeSpan SubscriptionsMaxAge = TimeSpan.FromSeconds(1);
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;
    private bool _any;

    /// <summary>Whether anyone subscribed at all (read at most once a second): with no subscription, indexing does no alert work.</summary>
    public async Task<bool> AnySubscriptionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - _checkedAt < SubscriptionsMaxAge)
        {
            return _any;
        }

        await using var any = new NpgsqlCommand("select exists (select 1 from alert_subscriptions where not muted)", connection, transaction);
        _any = (bool)(await any.ExecuteScalarAsync(cancellationToken))!;
        _checkedAt = clock.GetUtcNow();
        return _any;
    }

    /// <summary>Writes the alerts the facts raise; returns the new outbox rows' ids (to dispatch after the commit).</summary>
    public async Task<IReadOnlyList<long>> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<AlertFact> facts, CancellationToken cancellationToken)
    {
        if (facts.Count == 0)
        {
            return [];
        }

        // Incidents name a signer: its sequencer, in this transaction (a signer registered by the same range counts).
        var signers = facts.Where(f => f.Signer is not null).Select(f => f.Signer!.Value.ToBytes()).Distinct(ByteArrays.Comparer).ToArray();
        var sequencerOf = new Dictionary<Address, long>();
        if (signers.Length > 0)
        {
            await using var read = new NpgsqlCommand("select address, sequencer_id from signers where address = any(@signers)", connection, transaction);
            read.Parameters.AddWithValue("signers", signers);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                sequencerOf[new Address((byte[])reader[0])] = reader.GetInt64(1);
            }
        }

        var resolved = facts.Select(f => (Fact: f, Sequencer: f.SequencerId ?? (f.Signer is { } s && sequencerOf.TryGetValue(s, out var id) ? id : (long?)null)))
            .Where(f => f.Sequencer is not null).ToList();
        if (resolved.Count == 0)
        {
            return [];
        }

        // Subscriptions of those sequencers, none for a sequencer that exited: an exit is the end of its story, not an outage.
        var subscriptions = new List<(long Id, long Sequencer, string Trigger, int MinIncidents, int WindowMinutes)>();
        await using (var read = new NpgsqlCommand("""
            select s.id, s.sequencer_id, s.trigger, s.min_incidents, s.window_minutes
            from alert_subscriptions s join sequencers q on q.id = s.sequencer_id
            where s.sequencer_id = any(@ids) and not s.muted and q.exited_at is null and q.status <> @unlocked
              and (q.status <> @leaving or s.trigger = any(@whileLeaving))
            """, connection, transaction))
        {
            read.Parameters.AddWithValue("ids", resolved.Select(r => r.Sequencer!.Value).Distinct().ToArray());
            read.Parameters.AddWithValue("unlocked", (short)SequencerStatus.Unlocked);
            read.Parameters.AddWithValue("leaving", (short)SequencerStatus.Inactive);
            read.Parameters.AddWithValue("whileLeaving", AlertTriggers.WhileLeaving.ToArray());
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                subscriptions.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4)));
            }
        }

        var names = await directory.GetAsync(cancellationToken);
        var ids = new List<long>();
        foreach (var (fact, sequencer) in resolved)
        {
            foreach (var subscription in subscriptions.Where(s => s.Sequencer == sequencer && fact.Triggers.Contains(s.Trigger)))
            {
                if (subscription.Trigger == AlertTriggers.Incidents && subscription.MinIncidents > 1
                    && !await DebouncedAsync(connection, transaction, subscription.Id, sequencer!.Value, subscription.MinIncidents, TimeSpan.FromMinutes(subscription.WindowMinutes), fact.Time, cancellationToken))
                {
                    continue;
                }

                if (await InsertAsync(connection, transaction, subscription.Id, fact, Named(names, sequencer!.Value), cancellationToken) is { } id)
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    /// <summary>How a sequencer is named in alerts: its name and id, or its id.</summary>
    public static string Named(SequencerDirectory.Snapshot names, long sequencer) =>
        names.NameOf(sequencer) is { } known ? $"{known} (#{sequencer})" : $"Sequencer #{sequencer}";

    /// <summary>One alert of one subscription, once per fact key (null when it was written before).</summary>
    public async Task<long?> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long subscription, AlertFact fact, string name, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            insert into alert_outbox (subscription_id, fact_key, title, body, link, created_at, fact_time)
            values (@subscription, @key, @title, @body, @link, @now, @time)
            on conflict (subscription_id, fact_key) do nothing
            returning id
            """, connection, transaction);
        insert.Parameters.AddWithValue("subscription", subscription);
        insert.Parameters.AddWithValue("key", fact.Key);
        insert.Parameters.AddWithValue("title", fact.Title.Replace("{sequencer}", name, StringComparison.Ordinal));
        insert.Parameters.AddWithValue("body", fact.Text.Replace("{sequencer}", name, StringComparison.Ordinal));
        insert.Parameters.AddWithValue("link", (object?)fact.Link ?? DBNull.Value);
        insert.Parameters.AddWithValue("now", clock.GetUtcNow());
        insert.Parameters.AddWithValue("time", fact.Time);
        return await insert.ExecuteScalarAsync(cancellationToken) as long?;
    }

    /// <summary>
    /// Recoveries in the L2 blocks <paramref name="from"/>–<paramref name="to"/> being written: the first block of a later
    /// epoch of a sequencer that stopped (a recommit), for sequencers someone watches for it. Once per stop.
    /// </summary>
    public static async Task<IReadOnlyList<AlertFact>> RecoveriesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long from, long to, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand($$"""
            select i.to_block, i.epoch_id, i.signer, g.sequencer_id, min(b.number), min(b.time), e.id
            from incidents i
            join signers g on g.address = i.signer
            join epochs e on e.signer = i.signer and e.id > i.epoch_id
            join l2_blocks b on b.epoch_id = e.id and b.number between @from and @to and b.number > i.to_block
            where i.kind = '{{Indexing.Projections.IncidentKinds.Recommit}}'
              and exists (select 1 from alert_subscriptions s where s.sequencer_id = g.sequencer_id and s.trigger = '{{AlertTriggers.Recovered}}' and not s.muted)
              and not exists (select 1 from l2_blocks p join epochs pe on pe.id = p.epoch_id
                              where pe.signer = i.signer and pe.id > i.epoch_id and p.number > i.to_block and p.number < @from)
            group by i.to_block, i.epoch_id, i.signer, g.sequencer_id, e.id
            """, connection, transaction);
        read.Parameters.AddWithValue("from", from);
        read.Parameters.AddWithValue("to", to);
        var facts = new List<AlertFact>();
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (stoppedAt, epoch, sequencer, block, time, again) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(3), reader.GetInt64(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt64(6));
            if (facts.Any(f => f.Key == $"recovered:{stoppedAt}"))
            {
                continue;
            }

            facts.Add(new AlertFact($"recovered:{stoppedAt}", [AlertTriggers.Recovered], sequencer, null, time, "{sequencer} is producing again",
                $"{{sequencer}} produced block {block} in its epoch {again}, after it stopped in epoch {epoch} (recommitted at block {stoppedAt}).", $"epochs/{again}"));
        }

        return facts;
    }

    /// <summary>
    /// "At least N incidents within the window": true when this incident makes N of the sequencer's within the window
    /// before it, and no alert of this subscription went out for an incident within that window already (one alert per burst).
    /// </summary>
    private static async Task<bool> DebouncedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long subscription, long sequencer, int minIncidents, TimeSpan window, DateTimeOffset time, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand("""
            select (select count(*) from incidents i join signers g on g.address = i.signer
                    where g.sequencer_id = @sequencer and i.ended_at > @from and i.ended_at <= @time) >= @n
               and not exists (select 1 from alert_outbox o where o.subscription_id = @subscription and o.fact_key like 'incident:%' and o.fact_time > @from and o.fact_time <= @time)
            """, connection, transaction);
        read.Parameters.AddWithValue("sequencer", sequencer);
        read.Parameters.AddWithValue("subscription", subscription);
        read.Parameters.AddWithValue("n", (long)minIncidents);
        read.Parameters.AddWithValue("from", time - window);
        read.Parameters.AddWithValue("time", time);
        return (bool)(await read.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Hands committed alerts to Hangfire (when this instance runs jobs; otherwise the sweep of one that does picks them up).</summary>
    public void Dispatch(IReadOnlyList<long> ids)
    {
        if (ids.Count == 0 || services.GetService<IBackgroundJobClient>() is not { } jobs)
        {
            return;
        }

        foreach (var id in ids)
        {
            try
            {
                jobs.Enqueue<AlertDelivery>(delivery => delivery.DeliverAsync(id, CancellationToken.None));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Alert {Id} not handed to the job queue now; the sweep will", id);
            }
        }
    }
}

internal sealed class ByteArrays : IEqualityComparer<byte[]>
{
    public static readonly ByteArrays Comparer = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj)
    {
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
