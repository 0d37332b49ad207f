-- L2 events first: during a long backfill the contracts' events are indexed ahead of the block headers and receipts
-- (checkpoint stream 'events'); the health endpoint shows both frontiers.
alter table indexer_status add column events_block bigint, add column events_block_time timestamptz;
comment on column indexer_status.events_block is 'L2: the last block whose contract events are indexed, ahead of indexed_block while the blocks backfill behind; null when the events go with the blocks.';
comment on column indexer_status.events_block_time is 'Time of events_block.';
