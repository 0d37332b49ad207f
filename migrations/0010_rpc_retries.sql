-- Failed JSON-RPC calls the indexer retried (timeouts, 5xx, garbled answers, rate refusals), for the health endpoint
-- and the UI while they happen: the data stays right, but a flaky node should be seen.
alter table indexer_status add column rpc_retries bigint not null default 0, add column last_retry_error text, add column last_retry_at timestamptz;
comment on column indexer_status.rpc_retries is 'JSON-RPC calls that failed and were retried since the indexer started.';
comment on column indexer_status.last_retry_error is 'The failure behind the latest retry (the node named by host and port only).';
