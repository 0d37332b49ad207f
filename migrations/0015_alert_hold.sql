-- Quiet hours hold an alert until a time: the sweep leaves it alone until then (it used to re-deliver it every minute,
-- logging "delayed" each time), and a change of the subscription's quiet hours releases it at once.
alter table alert_outbox add column held_until timestamptz;
comment on column alert_outbox.held_until is 'Held by quiet hours until this time; null when not held.';
