-- Departments without Kafka: signed webhooks instead of the department's task topic, and the
-- deliveries, written in the transaction of the task change (as the outbox) and retried with backoff.
create table department_webhook (
    department_code text primary key references department (code),
    url             text        not null,
    -- the HMAC-SHA256 key, encrypted at rest (AES-256-GCM with gridgov.pii.key)
    secret          text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    updated_by      text        not null
);

create table webhook_delivery (
    seq             bigserial   not null unique,
    id              uuid primary key,
    department_code text        not null references department (code),
    -- the event id of the task fact: a department's facts about one event are delivered in order
    message_key     text        not null,
    ce_type         text        not null,
    -- the CloudEvent in structured mode, exactly the body that is signed and sent
    body            text        not null,
    status          text        not null check (status in ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    dead_at         timestamptz,
    last_status     integer,
    last_error      text
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_key on webhook_delivery (department_code, message_key, seq) where status = 'PENDING';
create index webhook_delivery_dead on webhook_delivery (department_code, dead_at) where status = 'DEAD';
