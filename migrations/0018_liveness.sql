-- L2 block intervals far outside the recent distribution, found by the stats job block by block (a rolling window
-- cannot be computed per request over millions of blocks). The rule is in the methodology page (#liveness).
create table liveness_anomalies (
    block             bigint            primary key,
    time              timestamptz       not null,
    interval_seconds  integer           not null,
    baseline_median   double precision  not null,
    baseline_spread   double precision  not null,
    score             double precision  not null,
    cause             text              not null,
    epoch_id          bigint,
    signer            bytea
);
comment on table liveness_anomalies is 'Per L2 block whose interval from the previous block is an anomaly: the interval, the median of the 120 intervals before it and their spread (1.4826 × the median absolute deviation), the robust z-score (spread floored at 1 s), and who the wait is attributed to: cause sequencer (the signer of the block''s epoch), recommit (the signer the MPC replaced in this block) or late-commit (the MPC: the epoch starting here was committed in this block, after the previous epoch ended; signer null).';
create index liveness_anomalies_time on liveness_anomalies (time);
create index liveness_anomalies_signer on liveness_anomalies (signer, time);

-- The newest L2 block the stats job has looked at; a rollback of L2 lowers it.
alter table rollup_state add column liveness_through_block bigint;

-- Whether each epoch was committed before the chain needed it, as the stats job found once the epoch before it had all
-- its blocks: the lead (seconds from the commit to the previous epoch's last block) or, committed in its own first
-- block or later, how long the chain waited. Recommit replacements and the genesis epoch are not here.
create table epoch_commit_timing (
    epoch_id        bigint       primary key,
    committed_time  timestamptz  not null,
    previous_end    timestamptz  not null,
    late            boolean      not null,
    seconds         integer      not null,
    signer          bytea        not null
);
comment on table epoch_commit_timing is 'Per epoch first committed (not a recommit replacement, not the genesis epoch): its commit time, the previous epoch''s last block time, late (committed in its own first block or later) and the lead or the wait in seconds.';
create index epoch_commit_timing_time on epoch_commit_timing (committed_time);
