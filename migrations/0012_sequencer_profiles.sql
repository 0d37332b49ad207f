-- Operators' own words about their sequencer, edited after signing in. Every edit is a row (who signed it in, when):
-- the newest is the profile, the rest its history. Shown before the published metadata list, which stays the fallback.
create table sequencer_profiles (
    id            bigserial   primary key,
    sequencer_id  bigint      not null,
    name          text,
    avatar_url    text,
    avatar_png    bytea,
    website       text,
    description   text,
    edited_by     bytea       not null,
    edited_at     timestamptz not null,
    constraint profile_name check (name is null or length(name) between 1 and 40),
    constraint profile_description check (description is null or length(description) <= 500),
    constraint profile_avatar check (avatar_png is null or length(avatar_png) <= 262144)
);
create index sequencer_profiles_sequencer on sequencer_profiles (sequencer_id, id desc);
comment on table sequencer_profiles is 'Profile edits by a sequencer''s owner, signer or pool operator (signed in): the newest per sequencer is shown.';
