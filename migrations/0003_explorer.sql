-- What the explorer pages and the public API read: daily rollups (refreshed by the stats job, so charts over years
-- read a row a day instead of millions of blocks) and the indexes of the API's lookups.

create table network_daily (
    day                 date             primary key,
    blocks              bigint           not null,
    tx_count            bigint           not null,
    fees                numeric(78, 0)   not null,
    rewards             numeric(78, 0)   not null,
    total_locked        numeric(78, 0)   not null,
    block_time_seconds  double precision,
    incidents           integer          not null
);
comment on table network_daily is 'One row per day: L2 blocks, transactions, fees, rewards credited, total locked at the end of the day, incidents.';

create table sequencer_daily (
    day              date           not null,
    sequencer_id     bigint         not null,
    produced_blocks  bigint         not null,
    fees             numeric(78, 0) not null,
    rewards          numeric(78, 0) not null,
    locked           numeric(78, 0) not null,
    primary key (sequencer_id, day)
);
comment on table sequencer_daily is 'One row per sequencer and day: blocks produced and their fees (by the epoch''s last block), rewards credited, stake at the end of the day.';

-- Search by transaction hash.
create index raw_logs_tx on raw_logs (transaction_hash);
-- A sequencer's epochs in order, and the running epoch.
create index epochs_end on epochs (end_block);

-- How far the daily rollups are complete: the oldest indexed-block time of the chains at the last rollup. Every later
-- block, event and incident has a time at or after it, so the next rollup recomputes the days from there on (and
-- the days a backfill had not reached yet get filled in as it gets there).
create table rollup_state (
    id                     integer     primary key check (id = 1),
    daily_complete_before  timestamptz
);
insert into rollup_state (id) values (1);

-- Blocks outside any epoch (before the first one): the all-time figures add them up without scanning every block.
create index l2_blocks_no_epoch on l2_blocks (number) where epoch_id is null;
-- A pool's delegators, largest first.
create index delegations_pool_shares on delegations (pool, shares desc);
