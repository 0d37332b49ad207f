namespace Dashboard.Core.Api;

/// <summary>What can trigger an alert about one sequencer. Each is evaluated as the indexer writes the fact, never by polling.</summary>
public static class AlertTriggers
{
    /// <summary>Operator: the sequencer stopped producing and the MPC recommitted its epoch to another.</summary>
    public const string Stopped = "stopped";

    /// <summary>Operator: a stall inside its own epoch longer than the network's threshold.</summary>
    public const string Stall = "stall";

    /// <summary>Operator or delegator: any incident (recommit, stall, wrong producer), at least N within a window (debounced).</summary>
    public const string Incidents = "incidents";

    /// <summary>Operator: producing again (its next epoch's blocks) after it stopped and its epoch was recommitted.</summary>
    public const string Recovered = "recovered";

    /// <summary>Operator: the sequencer's signer key changed.</summary>
    public const string SignerChanged = "signer";

    /// <summary>Operator: the sequencer's owner or reward recipient changed.</summary>
    public const string OwnerChanged = "owner";

    /// <summary>Delegator: the pool announced a commission change (with the date it applies).</summary>
    public const string Commission = "commission";

    /// <summary>Operator: the pending reward reached <see cref="AlertSubscriptionRequest.Amount"/> (a claim reminder, with the bridge fee now).</summary>
    public const string RewardPending = "reward-pending";

    /// <summary>Operator: no reward batch credited it for longer than <see cref="AlertSubscriptionRequest.WindowMinutes"/>.</summary>
    public const string NoRewardBatch = "no-batch";

    /// <summary>Operator: its stake is within <see cref="AlertSubscriptionRequest.Amount"/> of minLock.</summary>
    public const string NearMinLock = "min-lock";

    /// <summary>Operator: after an unlock, the stake can be claimed now.</summary>
    public const string UnlockClaimable = "claimable";

    /// <summary>Delegator: one of the subscriber's own unbonding entries in the sequencer's pool can be withdrawn now.</summary>
    public const string Withdrawable = "withdrawable";

    /// <summary>Delegator: a watched pool that was full has room again (at least <see cref="AlertSubscriptionRequest.Amount"/>, default 1 METIS).</summary>
    public const string CapacityFreed = "capacity";

    /// <summary>Triggers on a condition of the indexed state (checked with the rolling figures, every few seconds), not on one event.</summary>
    public static readonly IReadOnlySet<string> Conditions = new HashSet<string>(StringComparer.Ordinal) { RewardPending, NoRewardBatch, NearMinLock, UnlockClaimable, Withdrawable, CapacityFreed };

    /// <summary>
    /// Triggers that still matter once the operator started the sequencer's exit (unlock): the stake to claim, and
    /// delegators' own unbonding entries. Outages, batches, rewards and stake margins of a leaving sequencer are not
    /// news; once it exited (unlockClaim) nothing about it alerts.
    /// </summary>
    public static readonly IReadOnlySet<string> WhileLeaving = new HashSet<string>(StringComparer.Ordinal) { UnlockClaimable, Withdrawable };

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Stopped] = "Stopped producing (its epoch was recommitted to another sequencer)",
        [Stall] = "Stalled inside its epoch (longer than the network's threshold)",
        [Incidents] = "Incidents: at least N within a window",
        [Recovered] = "Producing again after it stopped",
        [SignerChanged] = "Signer key changed",
        [OwnerChanged] = "Owner or reward recipient changed",
        [Commission] = "Pool commission change announced",
        [RewardPending] = "Pending reward above an amount (claim reminder)",
        [NoRewardBatch] = "No reward batch for longer than a time",
        [NearMinLock] = "Stake within a margin of minLock",
        [UnlockClaimable] = "Unlocked stake can be claimed",
        [Withdrawable] = "My unbonding entry can be withdrawn",
        [CapacityFreed] = "Pool capacity freed (room to delegate again)",
    };
}

/// <summary>Where an alert is sent.</summary>
public static class AlertChannels
{
    public const string Email = "email";
    public const string Webhook = "webhook";
    public const string Slack = "slack";
    public const string Discord = "discord";
    public const string Telegram = "telegram";

    public static readonly IReadOnlyDictionary<string, string> Targets = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Email] = "E-mail address",
        [Webhook] = "Webhook URL (https)",
        [Slack] = "Slack incoming-webhook URL",
        [Discord] = "Discord webhook URL",
        [Telegram] = "Telegram chat id",
    };
}

/// <summary>A new alert subscription, or the changes to one (PUT sends the whole of it).</summary>
public sealed record AlertSubscriptionRequest
{
    public required long SequencerId { get; init; }

    /// <summary>See <see cref="AlertTriggers"/>.</summary>
    public required string Trigger { get; init; }

    /// <summary>See <see cref="AlertChannels"/>.</summary>
    public required string Channel { get; init; }

    /// <summary>The destination: e-mail address, webhook URL or Telegram chat id. Stored encrypted; never shown again in full. On PUT, null keeps it.</summary>
    public string? Target { get; init; }

    /// <summary>For <see cref="AlertTriggers.Incidents"/>: how many incidents within <see cref="WindowMinutes"/> make one alert (default 1).</summary>
    public int? MinIncidents { get; init; }

    /// <summary>For <see cref="AlertTriggers.Incidents"/>: the window; for <see cref="AlertTriggers.NoRewardBatch"/>: how long without a batch.</summary>
    public int? WindowMinutes { get; init; }

    /// <summary>METIS in wei: for <see cref="AlertTriggers.RewardPending"/> the pending reward that makes an alert, for <see cref="AlertTriggers.NearMinLock"/> the margin above minLock, for <see cref="AlertTriggers.CapacityFreed"/> the room wanted (default 1 METIS).</summary>
    public System.Numerics.BigInteger? Amount { get; init; }

    public bool? Muted { get; init; }

    /// <summary>Quiet hours in UTC, from this hour (0–23) up to <see cref="QuietTo"/>: alerts wait until they end.</summary>
    public int? QuietFrom { get; init; }

    public int? QuietTo { get; init; }
}

/// <summary>An alert subscription as its owner sees it: the destination masked.</summary>
public sealed record AlertSubscriptionItem
{
    public required long Id { get; init; }

    public required long SequencerId { get; init; }

    public string? SequencerName { get; init; }

    public required string Trigger { get; init; }

    public required string Channel { get; init; }

    /// <summary>The destination, masked (e.g. "o…r@example.org", "https://hooks.slack.com/…").</summary>
    public required string TargetHint { get; init; }

    public required int MinIncidents { get; init; }

    public required int WindowMinutes { get; init; }

    public System.Numerics.BigInteger? Amount { get; init; }

    public required bool Muted { get; init; }

    public int? QuietFrom { get; init; }

    public int? QuietTo { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Webhook only, and only in the answer that created the subscription: the key of its X-Signature (HMAC-SHA256 of the body).</summary>
    public string? SigningSecret { get; init; }
}

/// <summary>One attempt to deliver an alert.</summary>
public sealed record AlertDeliveryItem
{
    public required long Id { get; init; }

    public required long AlertId { get; init; }

    public required string Title { get; init; }

    public required int Attempt { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>"sent", "retrying", "failed" (for good) or "delayed" (quiet hours).</summary>
    public required string Outcome { get; init; }

    /// <summary>The receiver's answer (e.g. "HTTP 200", "250 2.0.0 OK") or why it failed.</summary>
    public required string Answer { get; init; }
}

/// <summary>
/// The JSON body of a generic webhook alert. Sent with <c>X-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the exact
/// body bytes keyed with the subscription's signing secret; check it before trusting the body.
/// </summary>
public sealed record AlertWebhookBody
{
    /// <summary>The alert's id: the same alert retried keeps it, so a receiver can drop duplicates.</summary>
    public required long Id { get; init; }

    public required long SubscriptionId { get; init; }

    public required string Trigger { get; init; }

    public required long SequencerId { get; init; }

    public required string Title { get; init; }

    public required string Text { get; init; }

    public string? Link { get; init; }

    /// <summary>When what the alert is about happened (chain time).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>True for a "send a test" message.</summary>
    public bool Test { get; init; }
}

/// <summary>The channels a server sends alerts on (e-mail and Telegram only where configured) and the triggers offered.</summary>
public sealed record AlertChannelList
{
    public required IReadOnlyList<string> Channels { get; init; }

    /// <summary>Trigger → what it means.</summary>
    public required IReadOnlyDictionary<string, string> Triggers { get; init; }

    /// <summary>The Telegram bot's @name, to start a chat with it.</summary>
    public string? TelegramBot { get; init; }
}

/// <summary>A Telegram chat that sent the bot the link code: its id is the destination of a Telegram subscription.</summary>
public sealed record TelegramChat
{
    public required string ChatId { get; init; }

    /// <summary>The group's title or the user's @name, to tell chats apart.</summary>
    public string? Name { get; init; }
}

/// <summary>A test message queued: <see cref="AlertId"/> appears in the delivery log.</summary>
public sealed record AlertTestQueued
{
    public required long AlertId { get; init; }
}

/// <summary>The signed-in session.</summary>
public sealed record SignInSession
{
    [AddressString]
    public required string Address { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Only in the answer to POST /api/signin: the session token (also set as an HttpOnly cookie); send it as <c>Authorization: Bearer</c>.</summary>
    public string? Token { get; init; }
}

/// <summary>A signed EIP-4361 message.</summary>
public sealed record SignInRequest
{
    public required string Message { get; init; }

    /// <summary>The personal_sign (EIP-191) signature of <see cref="Message"/>, 0x and 130 hex digits.</summary>
    public required string Signature { get; init; }
}

public sealed record SignInNonce
{
    public required string Nonce { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The nonce must be signed and sent back before this.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
