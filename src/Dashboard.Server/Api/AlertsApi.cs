using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Dashboard.Core.Api;
using Dashboard.Ethereum;
using Dashboard.Server.Accounts;
using Dashboard.Server.Alerts;
using Dashboard.Server.Directory;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Dashboard.Server.Api;

/// <summary>
/// /api/alerts: a signed-in account's alert subscriptions, a test message per subscription and its delivery log. Every
/// query is bound to the session's account: another account's subscription is "not found", never shown or changed.
/// </summary>
public static partial class AlertsApi
{
    public const int MaxSubscriptionsPerAccount = 100;

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts/channels", Channels).WithTags("Alerts").WithName("AlertChannels")
            .WithSummary("The channels this server sends alerts on (e-mail and Telegram only where configured) and the triggers one can subscribe to");
        app.MapGet("/api/alerts/telegram/chats", TelegramChatsAsync).WithTags("Alerts").WithName("TelegramChats").RequireAuthorization(SessionAuthentication.Policy)
            .WithSummary("Finds your Telegram chat id: send the bot '/start <code>' (or open t.me/<bot>?start=<code>), then ask with that code; answers the chats that sent it");
        var group = app.MapGroup("/api/alerts/subscriptions").WithTags("Alerts").RequireAuthorization(SessionAuthentication.Policy);
        group.MapGet("/", ListAsync).WithName("AlertSubscriptions").WithSummary("The signed-in account's alert subscriptions, destinations masked");
        group.MapPost("/", CreateAsync).WithName("CreateAlertSubscription")
            .WithSummary("Subscribes the signed-in account to a trigger of one sequencer on one channel. A webhook's answer carries its signing secret, once: the X-Signature header of every delivery is sha256=HMAC-SHA256(secret, body)");
        group.MapPut("/{id:long}", UpdateAsync).WithName("UpdateAlertSubscription").WithSummary("Changes a subscription (a null target keeps the destination)");
        group.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteAlertSubscription").WithSummary("Deletes a subscription and its delivery log");
        group.MapPost("/{id:long}/test", TestAsync).WithName("TestAlertSubscription").WithSummary("Sends a test message on the subscription's channel now (quiet hours do not hold it); its outcome appears in the delivery log");
        group.MapGet("/{id:long}/deliveries", DeliveriesAsync).WithName("AlertDeliveries").WithSummary("The subscription's delivery log, newest first: each attempt with the receiver's answer");
        return app;
    }

    public static Ok<AlertChannelList> Channels(AlertSenders senders) =>
        TypedResults.Ok(new AlertChannelList { Channels = senders.Available().ToList(), Triggers = AlertTriggers.Descriptions, TelegramBot = senders.Options.Telegram.BotName });

    /// <summary>The chats that sent the bot a message with <paramref name="code"/> (from the Bot API's getUpdates).</summary>
    public static async Task<Results<Ok<IReadOnlyList<TelegramChat>>, ProblemHttpResult>> TelegramChatsAsync(string code, AlertSenders senders, IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(senders.Options.Telegram.BotToken))
        {
            return TypedResults.Problem(detail: "Telegram is not configured on this server (Alerts:Telegram:BotToken).", statusCode: StatusCodes.Status503ServiceUnavailable, title: "No Telegram bot");
        }

        if (code is not { Length: >= 6 and <= 32 } || !code.All(char.IsAsciiLetterOrDigit))
        {
            return Invalid("code", "The code is 6 to 32 letters and digits: the one you sent the bot after /start.");
        }

        System.Text.Json.JsonDocument updates;
        try
        {
            using var response = await clients.CreateClient(AlertSenders.HttpClientName).GetAsync(senders.TelegramUrl("getUpdates?allowed_updates=%5B%22message%22%5D"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return TypedResults.Problem(detail: $"Telegram answered {(int)response.StatusCode}; try again in a moment.", statusCode: StatusCodes.Status502BadGateway, title: "Telegram unavailable");
            }

            updates = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException)
        {
            return TypedResults.Problem(detail: $"Telegram could not be asked ({ex.GetType().Name}); try again in a moment.", statusCode: StatusCodes.Status502BadGateway, title: "Telegram unavailable");
        }

        using (updates)
        {
            var chats = new List<TelegramChat>();
            if (updates.RootElement.TryGetProperty("result", out var result) && result.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                foreach (var update in result.EnumerateArray())
                {
                    if (update.TryGetProperty("message", out var message) && message.TryGetProperty("text", out var text) && text.GetString() is { } said
                        && said.Contains(code, StringComparison.Ordinal) && message.TryGetProperty("chat", out var chat) && chat.TryGetProperty("id", out var id))
                    {
                        var name = chat.TryGetProperty("title", out var title) ? title.GetString() : chat.TryGetProperty("username", out var user) ? "@" + user.GetString() : null;
                        var chatId = id.GetRawText();
                        if (!chats.Any(c => c.ChatId == chatId))
                        {
                            chats.Add(new TelegramChat { ChatId = chatId, Name = name });
                        }
                    }
                }
            }

            return TypedResults.Ok<IReadOnlyList<TelegramChat>>(chats);
        }
    }

    public static async Task<Ok<IReadOnlyList<AlertSubscriptionItem>>> ListAsync(ClaimsPrincipal user, NpgsqlDataSource dataSource, SequencerDirectory directory, CancellationToken cancellationToken)
    {
        await using var read = dataSource.CreateCommand($"{SelectColumns} where owner = @owner order by id");
        read.Parameters.AddWithValue("owner", SessionAuthentication.Account(user).ToBytes());
        return TypedResults.Ok(await ReadItemsAsync(read, directory, cancellationToken));
    }

    public static async Task<Results<Created<AlertSubscriptionItem>, ProblemHttpResult>> CreateAsync([Microsoft.AspNetCore.Mvc.FromBody] AlertSubscriptionRequest request, ClaimsPrincipal user, NpgsqlDataSource dataSource,
        AlertSenders senders, IDataProtectionProvider protection, SequencerDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        var owner = SessionAuthentication.Account(user);
        if (await ValidateAsync(request, senders, dataSource, requireTarget: true, cancellationToken) is { } problem)
        {
            return problem;
        }

        await using (var count = dataSource.CreateCommand("select count(*) from alert_subscriptions where owner = @owner"))
        {
            count.Parameters.AddWithValue("owner", owner.ToBytes());
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! >= MaxSubscriptionsPerAccount)
            {
                return ApiProblems.BadRequest($"This account has {MaxSubscriptionsPerAccount} subscriptions, the most one account can have; delete some first.", "Too many subscriptions");
            }
        }

        var protector = protection.CreateProtector(AlertDelivery.Purpose);
        var target = request.Target!.Trim();
        var secret = request.Channel == AlertChannels.Webhook ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) : null;
        await using var insert = dataSource.CreateCommand("""
            insert into alert_subscriptions (owner, sequencer_id, trigger, channel, target_protected, target_hint, secret_protected, min_incidents, window_minutes, amount, muted, quiet_from, quiet_to, created_at)
            values (@owner, @sequencer, @trigger, @channel, @target, @hint, @secret, @n, @window, @amount, @muted, @quietFrom, @quietTo, @now)
            returning id
            """);
        insert.Parameters.AddWithValue("owner", owner.ToBytes());
        insert.Parameters.AddWithValue("sequencer", request.SequencerId);
        insert.Parameters.AddWithValue("trigger", request.Trigger);
        insert.Parameters.AddWithValue("channel", request.Channel);
        insert.Parameters.AddWithValue("target", protector.Protect(target));
        insert.Parameters.AddWithValue("hint", AlertSenders.Mask(target));
        insert.Parameters.AddWithValue("secret", secret is null ? DBNull.Value : protector.Protect(secret));
        AddSettings(insert, request);
        insert.Parameters.AddWithValue("now", clock.GetUtcNow());
        var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        var item = (await FindAsync(dataSource, directory, owner, id, cancellationToken))! with { SigningSecret = secret };
        return TypedResults.Created($"/api/alerts/subscriptions/{id}", item);
    }

    public static async Task<Results<Ok<AlertSubscriptionItem>, ProblemHttpResult>> UpdateAsync(long id, [Microsoft.AspNetCore.Mvc.FromBody] AlertSubscriptionRequest request, ClaimsPrincipal user, NpgsqlDataSource dataSource,
        AlertSenders senders, IDataProtectionProvider protection, SequencerDirectory directory, AlertOutbox outbox, CancellationToken cancellationToken)
    {
        var owner = SessionAuthentication.Account(user);
        if (await FindAsync(dataSource, directory, owner, id, cancellationToken) is not { } existing)
        {
            return ApiProblems.NotFound("alert subscription of this account", id);
        }

        if (request.Channel != existing.Channel && string.IsNullOrWhiteSpace(request.Target))
        {
            return ApiProblems.BadRequest("A new channel needs its destination: send 'target' with it.", "Missing target");
        }

        if (await ValidateAsync(request, senders, dataSource, requireTarget: false, cancellationToken) is { } problem)
        {
            return problem;
        }

        var protector = protection.CreateProtector(AlertDelivery.Purpose);
        var target = request.Target?.Trim();
        await using var update = dataSource.CreateCommand("""
            update alert_subscriptions set sequencer_id = @sequencer, trigger = @trigger, channel = @channel,
                target_protected = coalesce(@target, target_protected), target_hint = coalesce(@hint, target_hint),
                min_incidents = @n, window_minutes = @window, amount = @amount, muted = @muted, quiet_from = @quietFrom, quiet_to = @quietTo
            where id = @id and owner = @owner
            """);
        update.Parameters.AddWithValue("id", id);
        update.Parameters.AddWithValue("owner", owner.ToBytes());
        update.Parameters.AddWithValue("sequencer", request.SequencerId);
        update.Parameters.AddWithValue("trigger", request.Trigger);
        update.Parameters.AddWithValue("channel", request.Channel);
        update.Parameters.Add(new NpgsqlParameter("target", NpgsqlTypes.NpgsqlDbType.Text) { Value = target is null ? DBNull.Value : protector.Protect(target) });
        update.Parameters.Add(new NpgsqlParameter("hint", NpgsqlTypes.NpgsqlDbType.Text) { Value = target is null ? DBNull.Value : AlertSenders.Mask(target) });
        AddSettings(update, request);
        await update.ExecuteNonQueryAsync(cancellationToken);

        // Alerts held by the old quiet hours go (or wait) by the new ones, now.
        await using var release = dataSource.CreateCommand("update alert_outbox set held_until = null where subscription_id = @id and state = 'pending' and held_until is not null returning id");
        release.Parameters.AddWithValue("id", id);
        var released = new List<long>();
        await using (var reader = await release.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                released.Add(reader.GetInt64(0));
            }
        }

        outbox.Dispatch(released);
        return TypedResults.Ok((await FindAsync(dataSource, directory, owner, id, cancellationToken))!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, ClaimsPrincipal user, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var delete = dataSource.CreateCommand("delete from alert_subscriptions where id = @id and owner = @owner");
        delete.Parameters.AddWithValue("id", id);
        delete.Parameters.AddWithValue("owner", SessionAuthentication.Account(user).ToBytes());
        return await delete.ExecuteNonQueryAsync(cancellationToken) == 1 ? TypedResults.NoContent() : ApiProblems.NotFound("alert subscription of this account", id);
    }

    public static async Task<Results<Accepted<AlertTestQueued>, ProblemHttpResult>> TestAsync(long id, ClaimsPrincipal user, NpgsqlDataSource dataSource, SequencerDirectory directory, AlertOutbox outbox,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var owner = SessionAuthentication.Account(user);
        if (await FindAsync(dataSource, directory, owner, id, cancellationToken) is not { } subscription)
        {
            return ApiProblems.NotFound("alert subscription of this account", id);
        }

        var name = subscription.SequencerName is { } known ? $"{known} (#{subscription.SequencerId})" : $"Sequencer #{subscription.SequencerId}";
        await using var insert = dataSource.CreateCommand("""
            insert into alert_outbox (subscription_id, fact_key, title, body, link, created_at, fact_time)
            values (@subscription, @key, @title, @body, @link, @now, @now) returning id
            """);
        insert.Parameters.AddWithValue("subscription", id);
        insert.Parameters.AddWithValue("key", $"test:{Guid.NewGuid():N}");
        insert.Parameters.AddWithValue("title", $"Test: alerts about {name} arrive here");
        insert.Parameters.AddWithValue("body", $"This is a test of your subscription \"{AlertTriggers.Descriptions[subscription.Trigger]}\" for {name}. Real alerts look like this one.");
        insert.Parameters.AddWithValue("link", $"sequencers/{subscription.SequencerId}");
        insert.Parameters.AddWithValue("now", clock.GetUtcNow());
        var alert = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        outbox.Dispatch([alert]);
        return TypedResults.Accepted($"/api/alerts/subscriptions/{id}/deliveries", new AlertTestQueued { AlertId = alert });
    }

    public static async Task<Results<Ok<IReadOnlyList<AlertDeliveryItem>>, ProblemHttpResult>> DeliveriesAsync(long id, ClaimsPrincipal user, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var read = dataSource.CreateCommand("""
            select d.id, d.outbox_id, o.title, d.attempt, d.at, d.outcome, d.answer, s.owner = @owner
            from alert_subscriptions s left join alert_deliveries d on d.subscription_id = s.id left join alert_outbox o on o.id = d.outbox_id
            where s.id = @id and s.owner = @owner
            order by d.at desc nulls last, d.id desc limit 200
            """);
        read.Parameters.AddWithValue("id", id);
        read.Parameters.AddWithValue("owner", SessionAuthentication.Account(user).ToBytes());
        var items = new List<AlertDeliveryItem>();
        var found = false;
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found = true;
            if (!reader.IsDBNull(0))
            {
                items.Add(new AlertDeliveryItem
                {
                    Id = reader.GetInt64(0), AlertId = reader.GetInt64(1), Title = reader.GetString(2), Attempt = reader.GetInt32(3),
                    At = reader.GetFieldValue<DateTimeOffset>(4), Outcome = reader.GetString(5), Answer = reader.GetString(6),
                });
            }
        }

        return found ? TypedResults.Ok<IReadOnlyList<AlertDeliveryItem>>(items) : ApiProblems.NotFound("alert subscription of this account", id);
    }

    private const string SelectColumns = "select id, sequencer_id, trigger, channel, target_hint, min_incidents, window_minutes, muted, quiet_from, quiet_to, created_at, amount from alert_subscriptions";

    private static async Task<AlertSubscriptionItem?> FindAsync(NpgsqlDataSource dataSource, SequencerDirectory directory, Address owner, long id, CancellationToken cancellationToken)
    {
        await using var read = dataSource.CreateCommand($"{SelectColumns} where id = @id and owner = @owner");
        read.Parameters.AddWithValue("id", id);
        read.Parameters.AddWithValue("owner", owner.ToBytes());
        var items = await ReadItemsAsync(read, directory, cancellationToken);
        return items.Count > 0 ? items[0] : null;
    }

    private static async Task<IReadOnlyList<AlertSubscriptionItem>> ReadItemsAsync(NpgsqlCommand read, SequencerDirectory directory, CancellationToken cancellationToken)
    {
        var names = await directory.GetAsync(cancellationToken);
        var items = new List<AlertSubscriptionItem>();
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new AlertSubscriptionItem
            {
                Id = reader.GetInt64(0), SequencerId = reader.GetInt64(1), SequencerName = names.NameOf(reader.GetInt64(1)), Trigger = reader.GetString(2), Channel = reader.GetString(3),
                TargetHint = reader.GetString(4), MinIncidents = reader.GetInt32(5), WindowMinutes = reader.GetInt32(6), Muted = reader.GetBoolean(7),
                QuietFrom = reader.IsDBNull(8) ? null : reader.GetInt16(8), QuietTo = reader.IsDBNull(9) ? null : reader.GetInt16(9), CreatedAt = reader.GetFieldValue<DateTimeOffset>(10),
                Amount = reader.IsDBNull(11) ? null : reader.GetFieldValue<System.Numerics.BigInteger>(11),
            });
        }

        return items;
    }

    private static void AddSettings(NpgsqlCommand command, AlertSubscriptionRequest request)
    {
        command.Parameters.AddWithValue("n", request.MinIncidents ?? 1);
        command.Parameters.AddWithValue("window", request.WindowMinutes ?? (request.Trigger == AlertTriggers.NoRewardBatch ? 24 * 60 : 60));
        command.Parameters.Add(new NpgsqlParameter("amount", NpgsqlTypes.NpgsqlDbType.Numeric) { Value = request.Amount is { } amount ? amount : DBNull.Value });
        command.Parameters.AddWithValue("muted", request.Muted ?? false);
        command.Parameters.Add(new NpgsqlParameter("quietFrom", NpgsqlTypes.NpgsqlDbType.Smallint) { Value = request.QuietFrom is { } f ? (short)f : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("quietTo", NpgsqlTypes.NpgsqlDbType.Smallint) { Value = request.QuietTo is { } t ? (short)t : DBNull.Value });
    }

    /// <summary>Every field checked, with what is wrong and what to send instead.</summary>
    private static async Task<ProblemHttpResult?> ValidateAsync(AlertSubscriptionRequest request, AlertSenders senders, NpgsqlDataSource dataSource, bool requireTarget, CancellationToken cancellationToken)
    {
        await using var exists = dataSource.CreateCommand("select exists (select 1 from sequencers where id = @id)");
        exists.Parameters.AddWithValue("id", request.SequencerId);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return Invalid("sequencerId", $"There is no sequencer {request.SequencerId}.");
        }

        if (!AlertTriggers.Descriptions.ContainsKey(request.Trigger ?? ""))
        {
            return Invalid("trigger", $"'{request.Trigger}' is not a trigger; use one of {string.Join(", ", AlertTriggers.Descriptions.Keys)}.");
        }

        var available = senders.Available().ToList();
        if (!available.Contains(request.Channel ?? ""))
        {
            return Invalid("channel", $"'{request.Channel}' is not a channel this server sends on; use one of {string.Join(", ", available)}.");
        }

        if (request.MinIncidents is < 1 or > 1000)
        {
            return Invalid("minIncidents", "minIncidents is how many incidents make one alert: from 1 to 1000.");
        }

        if (request.WindowMinutes is < 1 or > 43_200)
        {
            return Invalid("windowMinutes", "windowMinutes is from 1 to 43200 (30 days).");
        }

        if ((request.Trigger is AlertTriggers.RewardPending or AlertTriggers.NearMinLock) && request.Amount is not { Sign: >= 0 })
        {
            return Invalid("amount", request.Trigger == AlertTriggers.RewardPending
                ? "amount is the pending reward (METIS in wei) that makes an alert, e.g. \"500000000000000000000\" for 500 METIS."
                : "amount is the margin above minLock (METIS in wei) within which the stake makes an alert.");
        }

        if (request.Amount is { Sign: < 0 } || request.Amount > System.Numerics.BigInteger.Pow(10, 30))
        {
            return Invalid("amount", "amount is METIS in wei, from 0 to 10^30.");
        }

        if (request.QuietFrom is null != request.QuietTo is null || request.QuietFrom is < 0 or > 23 || request.QuietTo is < 0 or > 23)
        {
            return Invalid("quietFrom", "Quiet hours are two UTC hours from 0 to 23, quietFrom and quietTo, both or neither.");
        }

        var target = request.Target?.Trim();
        if (string.IsNullOrEmpty(target))
        {
            return requireTarget ? Invalid("target", $"target is required: the {AlertChannels.Targets[request.Channel!]}.") : null;
        }

        if (target.Length > 500)
        {
            return Invalid("target", "target is longer than 500 characters.");
        }

        switch (request.Channel)
        {
            case AlertChannels.Email:
                if (!MimeKit.MailboxAddress.TryParse(target, out var mailbox) || mailbox.Address != target || !EmailShape().IsMatch(target))
                {
                    return Invalid("target", $"'{target}' is not an e-mail address such as operator@example.org.");
                }

                break;
            case AlertChannels.Telegram:
                if (!TelegramChat().IsMatch(target))
                {
                    return Invalid("target", $"'{target}' is not a Telegram chat id (a number such as 123456789 or -1001234567890, or @channelname).");
                }

                break;
            default:
                try
                {
                    await senders.CheckWebhookAsync(target, cancellationToken);
                }
                catch (AlertSendException refused)
                {
                    return Invalid("target", refused.Message);
                }

                if (request.Channel == AlertChannels.Slack && !target.StartsWith("https://hooks.slack.com/", StringComparison.Ordinal) && senders.Options.AllowPrivateTargets != true)
                {
                    return Invalid("target", "A Slack incoming-webhook URL starts with https://hooks.slack.com/.");
                }

                if (request.Channel == AlertChannels.Discord && !DiscordHook().IsMatch(target) && senders.Options.AllowPrivateTargets != true)
                {
                    return Invalid("target", "A Discord webhook URL looks like https://discord.com/api/webhooks/<id>/<token>.");
                }

                break;
        }

        return null;
    }

    private static ProblemHttpResult Invalid(string field, string detail) => ApiProblems.InvalidField(field, detail, "The subscription is not valid");

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$")]
    private static partial Regex TelegramChat();

    [GeneratedRegex(@"^https://(discord\.com|discordapp\.com)/api/webhooks/\d+/[\w-]+$")]
    private static partial Regex DiscordHook();
}
