-- Local replica of the grid registry, fed by gridgov.grid.registry.v1 (never read from grid-service's tables).
create table grid_replica (
    code           text primary key,
    name           text        not null,
    level          text        not null,
    status         text        not null,
    parent_code    text,
    community_code text,
    street_code    text,
    leader_id      text,
    boundary       text,
    version        bigint      not null,
    updated_at     timestamptz not null default now()
);

create table event (
    id              uuid primary key,
    category        text        not null,
    description     text        not null,
    channel         text        not null,
    latitude        double precision,
    longitude       double precision,
    address         text,
    grid_code       text,
    community_code  text,
    street_code     text,
    status          text        not null,
    reporter_id     text        not null,
    idempotency_key text,
    handler_unit    text,
    deadline        timestamptz,
    satisfaction    text,
    reported_at     timestamptz not null,
    resolved_at     timestamptz,
    closed_at       timestamptz,
    updated_at      timestamptz not null,
    version         bigint      not null default 0,
    unique (reporter_id, idempotency_key)
);
create index event_unlocated on event (reported_at) where grid_code is null;
create index event_status_grid on event (status, grid_code);

create table event_timeline (
    id          bigint generated always as identity primary key,
    event_id    uuid        not null references event (id),
    action      text        not null,
    from_status text,
    to_status   text        not null,
    actor       text        not null,
    note        text,
    at          timestamptz not null
);
create index event_timeline_event on event_timeline (event_id, id);
