-- Everything both chains say, and the projections the dashboard shows.
--
-- Raw data (what the nodes returned, keyed so a replay is harmless): raw_logs and event_blocks from 0001,
-- L2 block headers with their fees, the arguments of every batchSubmitRewards call, the end block of every
-- recommitted epoch as read back from chain, and the delegation pools found among sequencer owners.
-- Projections (rebuilt from raw data by replay): everything else.

-- ---------------------------------------------------------------- raw data

-- One row per L2 block. Metis mainnet is tens of millions of blocks, so the table is partitioned by block
-- number (one partition per million blocks, created by the indexer as it goes); the primary key is the
-- partition key. epoch_id is the epoch that produced the block: fixed once the block is written, since a
-- recommit only ever changes the schedule from its own block on.
create table l2_blocks (
    number       bigint         not null,
    hash         bytea          not null,
    parent_hash  bytea          not null,
    time         timestamptz    not null,
    gas_used     bigint         not null,
    tx_count     integer        not null,
    fees         numeric(78, 0) not null,
    epoch_id     bigint,
    primary key (number)
) partition by range (number);
create index l2_blocks_time on l2_blocks (time);
comment on table l2_blocks is 'L2 block headers and fees: sum of gasUsed × effective gas price, plus l1Fee where receipts carry it.';

create table reward_batch_calls (
    chain_id      bigint           not null,
    block_hash    bytea            not null,
    log_index     integer          not null,
    tx_hash       bytea            not null,
    batch_id      bigint           not null,
    start_epoch   bigint           not null,
    end_epoch     bigint           not null,
    seqs          bytea[]          not null,
    blocks        numeric(78, 0)[] not null,
    primary key (chain_id, block_hash, log_index)
);
comment on table reward_batch_calls is 'Arguments of each batchSubmitRewards transaction (decoded from its input), keyed by the DistributeReward log they belong to.';

create table recommit_readbacks (
    chain_id        bigint  not null,
    block_hash      bytea   not null,
    log_index       integer not null,
    old_epoch_id    bigint  not null,
    old_end_block   bigint  not null,
    primary key (chain_id, block_hash, log_index)
);
comment on table recommit_readbacks is 'For each ReCommitEpoch log, the old epoch''s cut-down endBlock read back with epochs(oldEpochId); the event itself lacks it.';

create table pool_discoveries (
    address                  bytea   primary key,
    sequencer_id             bigint  not null,
    block_number             bigint  not null,
    operator                 bytea   not null,
    commission_bps           integer not null,
    unbonding_delay_seconds  bigint  not null
);
comment on table pool_discoveries is 'Sequencer owners that answered sequencerId() with their own sequencer: our delegation pools, indexed from then on, with the terms read from them when found.';

-- ---------------------------------------------------------------- L1 projections

alter table sequencers
    add column pool                bytea,
    add column deactivation_batch  bigint,
    add column deactivation_time   timestamptz,
    add column unlock_claim_time   timestamptz,
    add column exited_at           timestamptz,
    add column accrued_reward      numeric(78, 0) not null default 0,
    add column claimed_reward      numeric(78, 0) not null default 0,
    add column compounded_reward   numeric(78, 0) not null default 0,
    add column signer_changes      integer        not null default 0;
create index sequencers_status on sequencers (status);

create table signers (
    address        bytea       primary key,
    sequencer_id   bigint      not null,
    since_block    bigint      not null,
    since_time     timestamptz not null,
    retired_block  bigint,
    retired_time   timestamptz
);
create index signers_sequencer on signers (sequencer_id);
comment on table signers is 'Every signer a sequencer ever had (a signer is never reused): maps L2 epochs to L1 sequencers.';

create table stake_events (
    block_number   bigint         not null,
    log_index      integer        not null,
    sequencer_id   bigint         not null,
    time           timestamptz    not null,
    tx_hash        bytea          not null,
    kind           text           not null,
    amount         numeric(78, 0) not null,
    locked_after   numeric(78, 0) not null,
    total_locked   numeric(78, 0),
    from_reward    numeric(78, 0) not null default 0,
    primary key (block_number, log_index)
);
create index stake_events_sequencer on stake_events (sequencer_id, block_number);
comment on table stake_events is 'Stake history: lock, relock (from_reward: the compounded part), withdraw, unlock-claim; locked_after is the sequencer''s lock after it.';

create table reward_batches (
    batch_id           bigint         primary key,
    start_epoch        bigint         not null,
    end_epoch          bigint         not null,
    amount             numeric(78, 0) not null,
    reward_per_block   numeric(78, 0) not null,
    block_number       bigint         not null,
    time               timestamptz    not null,
    tx_hash            bytea          not null
);
create index reward_batches_time on reward_batches (time);

create table sequencer_rewards (
    batch_id      bigint         not null,
    sequencer_id  bigint         not null,
    signer        bytea          not null,
    blocks        bigint         not null,
    amount        numeric(78, 0) not null,
    time          timestamptz    not null,
    primary key (batch_id, sequencer_id)
);
create index sequencer_rewards_sequencer on sequencer_rewards (sequencer_id, time);

create table reward_claims (
    block_number   bigint         not null,
    log_index      integer        not null,
    sequencer_id   bigint         not null,
    recipient      bytea          not null,
    amount         numeric(78, 0) not null,
    time           timestamptz    not null,
    tx_hash        bytea          not null,
    primary key (block_number, log_index)
);
create index reward_claims_sequencer on reward_claims (sequencer_id, time);
comment on table reward_claims is 'Rewards paid out (bridged to the L2 recipient): withdrawRewards, unlock and unlockClaim.';

create table pools (
    address                  bytea          primary key,
    sequencer_id             bigint         not null,
    operator                 bytea,
    commission_bps           integer        not null default 0,
    pending_commission_bps   integer,
    commission_effective_at  timestamptz,
    total_staked             numeric(78, 0) not null default 0,
    total_shares             numeric(78, 0) not null default 0,
    reward_per_share         numeric(78, 0) not null default 0,
    rewards_harvested        numeric(78, 0) not null default 0,
    commission_earned        numeric(78, 0) not null default 0,
    unbonding_delay_seconds  bigint,
    created_block            bigint         not null,
    created_time             timestamptz    not null
);

create table delegations (
    pool             bytea          not null,
    delegator        bytea          not null,
    shares           numeric(78, 0) not null default 0,
    delegated        numeric(78, 0) not null default 0,
    undelegated      numeric(78, 0) not null default 0,
    rewards_claimed  numeric(78, 0) not null default 0,
    restaked         numeric(78, 0) not null default 0,
    first_block      bigint         not null,
    last_block       bigint         not null,
    primary key (pool, delegator)
);
create index delegations_delegator on delegations (delegator);

create table delegation_events (
    block_number  bigint         not null,
    log_index     integer        not null,
    pool          bytea          not null,
    delegator     bytea          not null,
    kind          text           not null,
    amount        numeric(78, 0) not null,
    shares        numeric(78, 0),
    nonce         bigint,
    time          timestamptz    not null,
    tx_hash       bytea          not null,
    primary key (block_number, log_index)
);
create index delegation_events_delegator on delegation_events (delegator, block_number);
create index delegation_events_pool on delegation_events (pool, block_number);

create table unbondings (
    pool             bytea          not null,
    delegator        bytea          not null,
    nonce            bigint         not null,
    amount           numeric(78, 0) not null,
    is_reward        boolean        not null,
    created_block    bigint         not null,
    created_time     timestamptz    not null,
    withdrawable_at  timestamptz    not null,
    withdrawn_block  bigint,
    withdrawn_time   timestamptz,
    primary key (pool, delegator, nonce)
);
create index unbondings_delegator on unbondings (delegator);
comment on table unbondings is 'Unbonding entries (undelegated principal) and reward-claim entries of the delegation pools.';

-- ---------------------------------------------------------------- L2 projections

create table epochs (
    id                  bigint      primary key,
    signer              bytea       not null,
    start_block         bigint      not null,
    end_block           bigint      not null,
    assigned_end_block  bigint      not null,
    original_signer     bytea       not null,
    committed_block     bigint      not null,
    committed_time      timestamptz not null,
    recommitted         boolean     not null default false,
    cut_at_block        bigint
);
create index epochs_signer on epochs (signer, id);
create index epochs_range on epochs (start_block, end_block);
comment on table epochs is 'The epoch schedule as it finally stood: a recommit cuts the stalled epoch (cut_at_block, end_block) and creates or rewrites the next one (recommitted).';

create table epoch_stats (
    epoch_id         bigint         primary key,
    blocks           bigint         not null default 0,
    tx_count         bigint         not null default 0,
    gas_used         numeric(30, 0) not null default 0,
    fees             numeric(78, 0) not null default 0,
    first_time       timestamptz,
    last_time        timestamptz,
    max_gap_seconds  integer        not null default 0
);
comment on table epoch_stats is 'What the L2 blocks of each epoch add up to: maintained as blocks are written, subtracted on rollback.';

create table recommits (
    l2_block       bigint      primary key,
    old_epoch_id   bigint      not null,
    new_epoch_id   bigint      not null,
    old_signer     bytea       not null,
    new_signer     bytea       not null,
    start_block    bigint      not null,
    end_block      bigint      not null,
    old_end_block  bigint      not null,
    lost_blocks    bigint      not null,
    time           timestamptz not null,
    tx_hash        bytea       not null
);
create index recommits_old_signer on recommits (old_signer, l2_block);

create table incidents (
    id                bigserial   primary key,
    signer            bytea       not null,
    epoch_id          bigint      not null,
    kind              text        not null,
    from_block        bigint      not null,
    to_block          bigint      not null,
    started_at        timestamptz not null,
    ended_at          timestamptz not null,
    duration_seconds  integer     not null,
    lost_blocks       bigint      not null default 0,
    unique (kind, to_block)
);
create index incidents_signer on incidents (signer, started_at);
create index incidents_time on incidents (started_at);
comment on table incidents is 'Downtime: a recommit against the stalled signer (kind recommit), or a stall inside the signer''s own epoch without one (kind gap).';

create table vault_outflows (
    block_number  bigint         not null,
    log_index     integer        not null,
    kind          text           not null,
    recipient     bytea          not null,
    amount        numeric(78, 0) not null,
    time          timestamptz    not null,
    primary key (block_number, log_index)
);

-- ---------------------------------------------------------------- network state and rollups

create table network_state (
    id                 integer        primary key check (id = 1),
    total_locked       numeric(78, 0) not null default 0,
    current_batch      bigint         not null default 1,
    reward_per_block   numeric(78, 0),
    min_lock           numeric(78, 0),
    max_lock           numeric(78, 0),
    exit_delay_seconds bigint,
    paused             boolean        not null default false,
    mpc                bytea,
    epoch_length       bigint,
    l2_mpc             bytea
);
insert into network_state (id) values (1);
comment on table network_state is 'Current network-wide parameters and totals, from admin and staking events of both chains.';

create table sequencer_stats (
    sequencer_id     bigint         not null,
    time_window      text           not null,
    assigned_blocks  bigint         not null,
    produced_blocks  bigint         not null,
    uptime           double precision,
    incidents        integer        not null,
    rewards          numeric(78, 0) not null,
    fees             numeric(78, 0) not null,
    computed_at      timestamptz    not null,
    primary key (sequencer_id, time_window)
);
comment on table sequencer_stats is 'Rolling 24h/7d/30d/all figures per sequencer (uptime = produced ÷ assigned blocks of its finalized epochs ending in the window), refreshed by a scheduled job.';

create table network_stats (
    time_window         text             primary key,
    blocks              bigint           not null,
    tx_count            bigint           not null,
    fees                numeric(78, 0)   not null,
    rewards             numeric(78, 0)   not null,
    avg_block_seconds   double precision,
    incidents           integer          not null,
    uptime              double precision,
    computed_at         timestamptz      not null
);
