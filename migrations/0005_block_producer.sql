-- Who really produced each L2 block, when the node says: on Metis, transactions carry the sequencer's signature over
-- their hash (seqR/seqS/seqV), and recovering it names the producer. Null where no transaction of the block carries
-- one (empty blocks, deposits from L1, nodes without it). A block whose producer is not its epoch's signer is an
-- incident of kind 'wrong-producer' (incidents.producer names who produced it).
alter table l2_blocks add column producer bytea;
comment on column l2_blocks.producer is 'The sequencer recovered from the block''s transactions'' seqR/seqS/seqV signature; null when none carries one.';
alter table incidents add column producer bytea;
comment on column incidents.producer is 'wrong-producer incidents: the address that produced the block instead of the epoch''s signer.';
comment on table l2_blocks is 'L2 block headers and fees: sum of gasUsed × effective gas price (the transaction''s gasPrice where receipts lack effectiveGasPrice, as on Metis'' l2geth), plus l1Fee where receipts carry it.';
