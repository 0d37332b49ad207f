-- Decentralization figures the stats job computes (reading them per request cost 100–400 ms at mainnet scale).
create table sequencer_selection (
    sequencer_id  bigint            not null,
    time_window   text              not null,
    epochs        bigint            not null,
    expected      double precision  not null,
    variance      double precision  not null,
    primary key (sequencer_id, time_window)
);
comment on table sequencer_selection is 'Per rolling window: epochs first committed to the sequencer (draws) against Σ p and Σ p(1−p), p its stake share among the eligible sequencers at each draw.';

create table selection_draws (
    time_window   text         primary key,
    draws         bigint       not null,
    computed_at   timestamptz  not null
);
comment on table selection_draws is 'Per rolling window: how many epoch draws sequencer_selection counts, and when it was computed.';

create table decentralization_daily (
    day   date  primary key,
    body  json  not null
);
comment on table decentralization_daily is 'Per UTC day, as the API writes it: concentration (holders, Nakamoto 1/3 and 1/2, top shares, HHI, Gini) of stake at the day''s end and of blocks produced that day, by entity and by sequencer. json, not jsonb: served as stored.';
