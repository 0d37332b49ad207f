-- Alerts on a condition rather than an event: an amount (pending reward above it; stake within it of minLock).
alter table alert_subscriptions add column amount numeric(78, 0);
alter table alert_subscriptions add constraint alert_amount check (amount is null or amount >= 0);
comment on column alert_subscriptions.amount is 'reward-pending: the pending reward (wei) that makes an alert; min-lock: the margin (wei) above minLock that does.';
