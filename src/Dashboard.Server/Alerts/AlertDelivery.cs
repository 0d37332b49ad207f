using Dashboard.Core.Api;
using Hangfire;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Dashboard.Server.Alerts;

/// <summary>
/// Delivers one alert of the outbox (a Hangfire job), once: the row is claimed before sending and marked sent after,
/// so neither a second instance nor a second hand-over sends it again. A failure the receiver may get over is retried
/// with growing delays (5 s, 30 s, 2 min, 10 min); one it cannot (a deleted webhook) or the last retry ends it as failed.
/// Quiet hours hold it until they end. Every attempt is a row of the subscription's delivery log.
/// </summary>
public sealed class AlertDelivery(NpgsqlDataSource dataSource, AlertSenders senders, IDataProtectionProvider protection, IBackgroundJobClient jobs, TimeProvider clock, ILogger<AlertDelivery> logger)
{
    public const string SweepId = "alerts-sweep";

    public static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];

    /// <summary>A claim older than this is a sender that died mid-way: the alert may go again.</summary>
    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(2);

    public const string Purpose = "alert-targets";

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task DeliverAsync(long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        AlertMessage message;
        string channel, target;
        string? secret;
        int attempt;
        int? quietFrom, quietTo;
        await using (var claim = dataSource.CreateCommand("""
            update alert_outbox o set state = 'sending', claimed_at = @now, attempts = o.attempts + 1
            from alert_subscriptions s
            where o.id = @id and s.id = o.subscription_id
              and ((o.state = 'pending' and (o.held_until is null or o.held_until <= @now)) or (o.state = 'sending' and o.claimed_at < @stale))
            returning o.attempts, o.subscription_id, s.trigger, s.sequencer_id, o.title, o.body, o.link, o.fact_time, s.channel, s.target_protected, s.secret_protected,
                      s.quiet_from, s.quiet_to, o.fact_key like 'test:%'
            """))
        {
            claim.Parameters.AddWithValue("id", id);
            claim.Parameters.AddWithValue("now", now);
            claim.Parameters.AddWithValue("stale", now - ClaimLifetime);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return; // sent already, being sent, failed for good, held by quiet hours, or its subscription was deleted
            }

            attempt = reader.GetInt32(0);
            var protector = protection.CreateProtector(Purpose);
            message = new AlertMessage(id, reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetBoolean(13));
            channel = reader.GetString(8);
            target = protector.Unprotect(reader.GetString(9));
            secret = reader.IsDBNull(10) ? null : protector.Unprotect(reader.GetString(10));
            quietFrom = reader.IsDBNull(11) ? null : reader.GetInt16(11);
            quietTo = reader.IsDBNull(12) ? null : reader.GetInt16(12);
        }

        if (!message.Test && QuietUntil(now, quietFrom, quietTo) is { } until)
        {
            await FinishAsync(id, message.SubscriptionId, attempt - 1, "pending", "delayed", $"Quiet hours until {until:HH:mm} UTC", cancellationToken, heldUntil: until);
            jobs.Schedule<AlertDelivery>(d => d.DeliverAsync(id, CancellationToken.None), until - now);
            return;
        }

        try
        {
            var answer = await senders.SendAsync(channel, target, secret, message, cancellationToken);
            await FinishAsync(id, message.SubscriptionId, attempt, "sent", "sent", answer, cancellationToken);
        }
        catch (AlertSendException failed)
        {
            var last = failed.Permanent || attempt > RetryDelays.Length;
            await FinishAsync(id, message.SubscriptionId, attempt, last ? "failed" : "pending", last ? "failed" : "retrying", failed.Message, cancellationToken);
            if (!last)
            {
                jobs.Schedule<AlertDelivery>(d => d.DeliverAsync(id, CancellationToken.None), RetryDelays[attempt - 1]);
            }

            logger.LogInformation("Alert {Id} by {Channel}, attempt {Attempt}: {Answer}", id, channel, attempt, failed.Message);
        }
    }

    /// <summary>Hands over alerts whose hand-over was lost (a crash right after the commit, an instance without jobs): every minute.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var read = dataSource.CreateCommand("""
            select o.id from alert_outbox o
            where (o.state = 'pending' and o.attempts = 0 and o.created_at < @waiting and (o.held_until is null or o.held_until <= @now))
               or (o.state = 'sending' and o.claimed_at < @stale)
            order by o.id limit 500
            """);
        read.Parameters.AddWithValue("waiting", now - TimeSpan.FromSeconds(30));
        read.Parameters.AddWithValue("stale", now - ClaimLifetime);
        read.Parameters.AddWithValue("now", now);
        var ids = new List<long>();
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        foreach (var id in ids)
        {
            jobs.Enqueue<AlertDelivery>(d => d.DeliverAsync(id, CancellationToken.None));
        }
    }

    private async Task FinishAsync(long id, long subscription, int attempts, string state, string outcome, string answer, CancellationToken cancellationToken, DateTimeOffset? heldUntil = null)
    {
        await using var batch = dataSource.CreateBatch();
        var update = new NpgsqlBatchCommand("""

            update alert_outbox set state = @state, attempts = @attempts, claimed_at = null, held_until = @held, sent_at = case when @state = 'sent' then @now else sent_at end
            where id = @id
            """);
        update.Parameters.Add(new NpgsqlParameter("held", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)heldUntil ?? DBNull.Value });
        update.Parameters.AddWithValue("state", state);
        update.Parameters.AddWithValue("attempts", attempts);
        update.Parameters.AddWithValue("now", clock.GetUtcNow());
        update.Parameters.AddWithValue("id", id);
        var log = new NpgsqlBatchCommand("insert into alert_deliveries (outbox_id, subscription_id, attempt, at, outcome, answer) values (@id, @subscription, @attempt, @now, @outcome, @answer)");
        log.Parameters.AddWithValue("id", id);
        log.Parameters.AddWithValue("subscription", subscription);
        log.Parameters.AddWithValue("attempt", Math.Max(attempts, 1));
        log.Parameters.AddWithValue("now", clock.GetUtcNow());
        log.Parameters.AddWithValue("outcome", outcome);
        log.Parameters.AddWithValue("answer", answer.Length > 1000 ? answer[..1000] + "…" : answer);
        batch.BatchCommands.Add(update);
        batch.BatchCommands.Add(log);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The end of the quiet hours <paramref name="now"/> falls in (UTC hours, from inclusive, to exclusive; may wrap midnight), or null.</summary>
    public static DateTimeOffset? QuietUntil(DateTimeOffset now, int? from, int? to)
    {
        if (from is not { } f || to is not { } t || f == t)
        {
            return null;
        }

        var hour = now.UtcDateTime.Hour;
        var quiet = f < t ? hour >= f && hour < t : hour >= f || hour < t;
        if (!quiet)
        {
            return null;
        }

        var end = new DateTimeOffset(now.UtcDateTime.Date.AddHours(t), TimeSpan.Zero);
        return end > now ? end : end.AddDays(1);
    }
}
