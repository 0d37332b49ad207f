-- The indexer's pace against a rate-limiting provider: the calls per second it is sending at (null: no limit) and
-- how many rate-limit answers (HTTP 429) it has had since it started, for the health endpoint and the UI.
alter table indexer_status add column request_rate double precision, add column rate_limited bigint not null default 0;
comment on column indexer_status.request_rate is 'JSON-RPC calls per second the indexer allows itself now (each call of a batch counts); null when unlimited.';
comment on column indexer_status.rate_limited is 'Rate-limit answers (HTTP 429, JSON-RPC rate errors) since the indexer started; it slowed down for each.';
comment on column indexer_status.blocks_per_second is 'Blocks indexed per second, smoothed over the last passes (wall clock, fetching included).';
