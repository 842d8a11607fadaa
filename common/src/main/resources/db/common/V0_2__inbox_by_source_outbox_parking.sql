-- The inbox keys on the sender as well: ids chosen by partners or departments may collide across senders.
alter table inbox_message drop constraint inbox_message_pkey;
alter table inbox_message add primary key (consumer, event_source, event_id);

-- A row the broker refuses for good (too large, unknown topic, not authorised) is parked with the
-- error instead of blocking the rows behind it; an admin re-sends it once the cause is fixed.
alter table outbox_message add column parked_at timestamptz, add column park_error text;
drop index outbox_message_pending;
create index outbox_message_pending on outbox_message (seq) where sent_at is null and parked_at is null;
create index outbox_message_parked on outbox_message (seq) where parked_at is not null;
