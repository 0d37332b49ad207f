-- Reward batches whose credits differ from the blocks produced, unexplained: written by the stats job (computing them
-- per request made the overview 6× slower at mainnet scale).
create table reconciliation_flags (
    batch_id       bigint   primary key,
    discrepancies  integer  not null
);
comment on table reconciliation_flags is 'Per reward batch with an unexplained difference: how many sequencers it credited differently from what they produced in its epochs (as of the last stats run).';
