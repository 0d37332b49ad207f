-- The devnet faucet's once-per-interval limit, kept across restarts (and shared by server instances).
create table faucet_grants (
    account bytea primary key,
    given_at timestamptz not null
);
comment on table faucet_grants is 'Devnet only: when the faucet last gave each account METIS and ETH.';
