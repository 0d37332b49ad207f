-- The first slice: raw logs, headers of blocks with events, the sequencers projection, checkpoints and indexer status.
-- Addresses and hashes are bytea (20 / 32 bytes): half the size of hex text and exact to compare.
-- Amounts are numeric(78,0): every uint256 fits.

create table chain_checkpoints (
    chain_id      bigint      not null,
    stream        text        not null,
    block_number  bigint      not null,
    block_hash    bytea       not null,
    block_time    timestamptz not null,
    updated_at    timestamptz not null default now(),
    primary key (chain_id, stream)
);
comment on table chain_checkpoints is 'Last block fully written per chain and stream; committed in the same transaction as the data it covers.';

create table indexer_status (
    chain_id            bigint      primary key,
    role                text        not null,
    head_block          bigint,
    indexed_block       bigint,
    indexed_block_time  timestamptz,
    blocks_per_second   double precision,
    last_error          text,
    last_error_at       timestamptz,
    updated_at          timestamptz not null
);
comment on table indexer_status is 'Heartbeat per chain: head seen, height indexed, rate and the last error, shown by the health endpoint and the UI.';

create table event_blocks (
    chain_id     bigint      not null,
    number       bigint      not null,
    hash         bytea       not null,
    parent_hash  bytea       not null,
    time         timestamptz not null,
    primary key (chain_id, number)
);
comment on table event_blocks is 'Headers of blocks that carried our events, plus checkpoint blocks: timestamps for events and hashes for reorg checks.';

create table raw_logs (
    chain_id           bigint      not null,
    block_hash         bytea       not null,
    log_index          integer     not null,
    block_number       bigint      not null,
    block_time         timestamptz not null,
    transaction_hash   bytea       not null,
    transaction_index  integer     not null,
    address            bytea       not null,
    topic0             bytea,
    topic1             bytea,
    topic2             bytea,
    topic3             bytea,
    data               bytea       not null,
    primary key (chain_id, block_hash, log_index)
);
create index raw_logs_order on raw_logs (chain_id, block_number, log_index);
comment on table raw_logs is 'Every log of our contracts exactly as the node returned it; projections are rebuilt from here.';

create table sequencers (
    id                bigint         primary key,
    signer            bytea          not null,
    owner             bytea,
    reward_recipient  bytea,
    signer_pubkey     bytea          not null,
    status            smallint       not null,
    locked            numeric(78, 0) not null,
    activation_batch  bigint         not null,
    nonce             bigint         not null,
    locked_at_block   bigint         not null,
    locked_at         timestamptz    not null,
    updated_at_block  bigint         not null
);
create unique index sequencers_signer on sequencers (signer);
create index sequencers_owner on sequencers (owner);
comment on table sequencers is 'Current state of each sequencer, projected from LockingInfo/LockingPool events.';
