-- "Pool capacity freed": an alert when room opens in a pool that was full, not every time the room changes.
alter table alert_subscriptions add column armed boolean not null default false;
comment on column alert_subscriptions.armed is 'capacity: the pool was seen with less room than the amount asked; the next time it has that much, the alert goes and this resets.';
