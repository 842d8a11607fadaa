-- A task is one dispatch of an event to a handler unit; a reopened event gets a new task.
create table task (
    id           uuid primary key,
    event_id     uuid        not null,
    category     text        not null,
    grid_code    text,
    handler_unit text        not null,
    tier         text        not null,
    rule         text        not null,
    reason       text        not null,
    status       text        not null check (status in ('OPEN', 'RESOLVED', 'CLOSED', 'SUPERSEDED')),
    dispatched_at timestamptz not null,
    deadline     timestamptz not null,
    resolved_at  timestamptz,
    closed_at    timestamptz,
    version      bigint      not null default 0
);
create index task_event on task (event_id);
create index task_unit_status on task (handler_unit, status);
-- one open task per event
create unique index task_one_open on task (event_id) where status = 'OPEN';

-- The working calendar: public holidays (HOLIDAY) and weekend days made working days (WORKDAY, 调休).
create table calendar_day (
    day  date primary key,
    kind text not null check (kind in ('HOLIDAY', 'WORKDAY')),
    name text not null
);
