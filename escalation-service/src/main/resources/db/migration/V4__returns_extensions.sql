-- Returns (退回), the human dispatcher queue, handler acceptance and extension requests (延期).
alter table task drop constraint task_status_check;
alter table task add constraint task_status_check
    check (status in ('OPEN', 'RESOLVED', 'CLOSED', 'SUPERSEDED', 'ESCALATED', 'RETURNED', 'NEEDS_DISPATCHER'));
alter table task add column accepted_at timestamptz;
alter table task add column kind text not null default 'DISPATCH';
-- a task waiting for a human dispatcher has no clock
drop index task_one_open;
create unique index task_one_open on task (event_id) where status in ('OPEN', 'NEEDS_DISPATCHER');

create table extension_request (
    id           uuid primary key,
    task_id      uuid        not null references task (id),
    working_days integer     not null check (working_days between 1 and 30),
    reason       text        not null,
    requested_by text        not null,
    requested_at timestamptz not null,
    status       text        not null check (status in ('PENDING', 'APPROVED', 'REFUSED')),
    decided_by   text,
    decided_at   timestamptz,
    note         text
);
create index extension_request_task on extension_request (task_id);
