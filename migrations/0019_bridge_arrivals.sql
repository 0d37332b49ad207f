-- Reward payouts arriving on L2: the L2 standard bridge's DepositFinalized for deposits LockingInfo made on L1 (the
-- indexer asks the node for those only: _from = LockingInfo). Matched with reward_claims, in order, per recipient and
-- amount: the bridge relays deposits in the order they were made.
create table bridge_arrivals (
    block_number  bigint          not null,
    log_index     integer         not null,
    tx_hash       bytea           not null,
    time          timestamptz     not null,
    sender        bytea           not null,
    recipient     bytea           not null,
    amount        numeric(78, 0)  not null,
    primary key (block_number, log_index)
);
comment on table bridge_arrivals is 'Per reward payout that reached L2 (DepositFinalized of the L2 standard bridge with _from = LockingInfo): the L2 block, transaction and time, the recipient and the amount.';
create index bridge_arrivals_recipient on bridge_arrivals (recipient, amount, block_number, log_index);
create index reward_claims_recipient on reward_claims (recipient, amount, block_number, log_index);
