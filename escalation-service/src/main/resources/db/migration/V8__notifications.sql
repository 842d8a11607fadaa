-- Notifications: who hears of which tasks, on which channels, outside which quiet hours; and every notification sent.
create table notification_person (
    id         text primary key,
    name       text        not null,
    email      text,
    phone      text,
    channels   text[]      not null default '{FEED}',
    -- quiet hours in Asia/Shanghai: email and SMS wait until they end (the live feed does not disturb)
    quiet_from time,
    quiet_to   time,
    -- handler units whose tasks the person hears of: GRID:<code>, COMMUNITY:<code>, STREET:<code>, DEPT:<department>
    units      text[]      not null default '{}',
    -- place code prefixes the person supervises (督查): warnings and overdue tasks there
    supervises text[]      not null default '{}',
    updated_at timestamptz not null,
    updated_by text        not null
);

create table notification (
    id          uuid primary key,
    person_id   text        not null,
    channel     text        not null check (channel in ('EMAIL', 'SMS', 'FEED')),
    kind        text        not null,
    -- the same fact never twice to one person on one channel
    dedup_key   text        not null,
    event_id    uuid,
    task_id     uuid,
    subject     text        not null,
    body        text        not null,
    status      text        not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts    integer     not null default 0,
    not_before  timestamptz not null,
    created_at  timestamptz not null,
    sent_at     timestamptz,
    error       text,
    unique (person_id, channel, dedup_key)
);
create index notification_due on notification (not_before) where status = 'PENDING';
create index notification_person_time on notification (person_id, created_at);
