-- A recommit whose replaced sequencer never started its epoch (Metis' consensus layer recommits (N, N+1) in the first
-- block of epoch N+1 when N+1's signer did not produce it; epoch N, already ended, is left as it was). old_signer is
-- then the signer of the replaced epoch N+1, and lost_blocks the blocks it had been assigned: they count against its
-- uptime although no epoch row keeps its name.
alter table recommits add column never_started boolean not null default false;
comment on column recommits.never_started is 'True when the replaced epoch''s signer never produced its first block (old_signer is that signer; the ended epoch old_epoch_id is untouched).';
