-- The network's parameters as governance changed them, so a change of yield can be explained: reward per block,
-- min/max lock, exit delay, signer-update throttle, MPC address, reward payer, pause, whitelist entries, L2 epoch
-- length and MPC, and proxy upgrades. Projected from the raw logs (replayed after a reorg like every projection).
create table parameter_changes (
    chain         text        not null,
    block_number  bigint      not null,
    log_index     integer     not null,
    time          timestamptz not null,
    tx_hash       bytea       not null,
    contract      text        not null,
    parameter     text        not null,
    subject       bytea,
    old_value     text,
    new_value     text        not null,
    primary key (chain, block_number, log_index)
);
create index parameter_changes_time on parameter_changes (time desc);
comment on table parameter_changes is 'Governance changes of the contracts'' parameters, one row per event: parameter names a setting (rewardPerBlock, minLock, maxLock, exitDelay, signerUpdateThrottle, mpc, rewardPayer, paused, whitelist, epochLength, implementation); values as decimal text (wei, seconds) or addresses; subject is the whitelisted account.';
