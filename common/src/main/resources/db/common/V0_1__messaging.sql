-- Shared by every service (gridgov-common): the transactional outbox and the consumers' inbox.

create table outbox_message (
    seq          bigint generated always as identity primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    ce_type      text        not null,
    ce_source    text        not null,
    ce_subject   text,
    ce_time      timestamptz not null,
    data_schema  text,
    handler_unit text,
    payload      text        not null,
    sent_at      timestamptz
);
-- the relay reads only what is pending
create index outbox_message_pending on outbox_message (seq) where sent_at is null;

create table inbox_message (
    consumer     text        not null,
    event_id     text        not null,
    event_type   text        not null,
    event_source text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
