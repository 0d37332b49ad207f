-- Sequencing fairness (the MEV watch). How each sequencer ordered its blocks: the transactions it ordered (not the
-- MPC's calls, not deposits from L1), who sent the first, adjacent pairs against the gas price offered.
alter table l2_blocks add column ordered_txs integer, add column first_sender bytea, add column fee_inversions integer;

-- Every Uniswap V2-style Swap on L2 (any pool: the indexer asks by topic), the raw material of the sandwich search.
create table swaps (
    block_number  bigint          not null,
    log_index     integer         not null,
    tx_hash       bytea           not null,
    pool          bytea           not null,
    sender        bytea           not null,
    recipient     bytea           not null,
    amount0_in    numeric(78, 0)  not null,
    amount1_in    numeric(78, 0)  not null,
    amount0_out   numeric(78, 0)  not null,
    amount1_out   numeric(78, 0)  not null,
    primary key (block_number, log_index)
);
comment on table swaps is 'Uniswap V2 Swap events of any L2 pool: pool, caller, recipient (the trader, for the sandwich search) and the amounts of token0/token1 in and out.';

-- Found by the stats job from where it stopped (rollup_state.fairness_through_block); an L2 rollback removes what lay above the fork.
create table sandwiches (
    victim_block      bigint       not null,
    victim_log_index  integer      not null,
    time              timestamptz  not null,
    pool              bytea        not null,
    attacker          bytea        not null,
    victim            bytea        not null,
    front_block       bigint       not null,
    front_log_index   integer      not null,
    back_block        bigint       not null,
    back_log_index    integer      not null,
    epoch_id          bigint       not null,
    signer            bytea        not null,
    primary key (victim_block, victim_log_index)
);
comment on table sandwiches is 'A trade sandwiched in one sequencer''s epoch: in the pool''s order of swaps the attacker traded in the same direction right before it and back right after it (within 2 blocks).';
create index sandwiches_time on sandwiches (time);
create index sandwiches_signer on sandwiches (signer, time);

create table epoch_fairness (
    epoch_id            bigint       primary key,
    signer              bytea        not null,
    last_time           timestamptz  not null,
    ordered_blocks      integer      not null,
    multi_tx_blocks     integer      not null,
    against_fee_blocks  integer      not null,
    own_first_blocks    integer      not null
);
create index epoch_fairness_time on epoch_fairness (last_time);
comment on table epoch_fairness is 'Per epoch (its signer, the time of its newest block counted): blocks with ordered transactions, with two or more, with a pair ordered against the gas price, and whose first ordered transaction the epoch''s sequencer sent (its signer, owner, reward recipient or pool operator).';

alter table rollup_state add column fairness_through_block bigint;
