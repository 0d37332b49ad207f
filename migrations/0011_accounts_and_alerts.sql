-- Sign-In with Ethereum (EIP-4361) and alerts. None of this is chain data: re-indexing leaves it alone, and the
-- fingerprint of a clean run does not include it.

create table signin_nonces (
    nonce      text        primary key,
    issued_at  timestamptz not null,
    used_at    timestamptz
);
comment on table signin_nonces is 'One-time nonces for Sign-In with Ethereum: a nonce signs in once (used_at), and only within minutes of issued_at.';

create table signin_sessions (
    token_hash bytea       primary key,
    address    bytea       not null,
    chain_id   bigint      not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    ended_at   timestamptz
);
create index signin_sessions_address on signin_sessions (address);
comment on table signin_sessions is 'Sessions opened by a verified EIP-4361 signature; the token itself is never stored, only its SHA-256.';

-- ASP.NET Core Data Protection keys, shared by every server instance (secrets of one are readable by all).
create table protection_keys (
    name       text        primary key,
    xml        text        not null,
    created_at timestamptz not null default now()
);

create table alert_subscriptions (
    id              bigserial   primary key,
    owner           bytea       not null,
    sequencer_id    bigint      not null,
    trigger         text        not null,
    channel         text        not null,
    -- Data Protection ciphertext of the destination (e-mail address, webhook URL, chat id) and of the webhook's signing secret.
    target_protected text       not null,
    target_hint     text        not null,
    secret_protected text,
    min_incidents   integer     not null default 1,
    window_minutes  integer     not null default 60,
    muted           boolean     not null default false,
    quiet_from      smallint,
    quiet_to        smallint,
    created_at      timestamptz not null,
    constraint alert_min_incidents check (min_incidents between 1 and 1000),
    constraint alert_window check (window_minutes between 1 and 43200),
    constraint alert_quiet check ((quiet_from is null) = (quiet_to is null) and coalesce(quiet_from, 0) between 0 and 23 and coalesce(quiet_to, 0) between 0 and 23)
);
create index alert_subscriptions_owner on alert_subscriptions (owner);
create index alert_subscriptions_sequencer on alert_subscriptions (sequencer_id, trigger);
comment on table alert_subscriptions is 'What an address asked to be told about one sequencer, and where (one channel per row).';

-- The outbox: one row per (subscription, fact), written in the same transaction as the indexed fact that caused it, so an
-- alert is neither lost by a crash nor sent twice because a range was written again.
create table alert_outbox (
    id              bigserial   primary key,
    subscription_id bigint      not null references alert_subscriptions (id) on delete cascade,
    fact_key        text        not null,
    title           text        not null,
    body            text        not null,
    link            text,
    created_at      timestamptz not null,
    fact_time       timestamptz not null,
    state           text        not null default 'pending',
    attempts        integer     not null default 0,
    claimed_at      timestamptz,
    sent_at         timestamptz,
    unique (subscription_id, fact_key),
    constraint alert_state check (state in ('pending', 'sending', 'sent', 'failed'))
);
create index alert_outbox_waiting on alert_outbox (state, created_at) where state in ('pending', 'sending');
comment on table alert_outbox is 'Alerts to deliver: pending, being sent (claimed_at), sent, or failed for good after the last retry.';

create table alert_deliveries (
    id              bigserial   primary key,
    outbox_id       bigint      not null references alert_outbox (id) on delete cascade,
    subscription_id bigint      not null references alert_subscriptions (id) on delete cascade,
    attempt         integer     not null,
    at              timestamptz not null,
    outcome         text        not null,
    answer          text        not null,
    constraint alert_outcome check (outcome in ('sent', 'failed', 'retrying', 'delayed'))
);
create index alert_deliveries_subscription on alert_deliveries (subscription_id, at desc);
comment on table alert_deliveries is 'Every delivery attempt with the receiver''s answer: the log a subscription''s owner reads.';
