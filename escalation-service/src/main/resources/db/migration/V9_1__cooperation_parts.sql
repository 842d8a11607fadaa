-- 联动 (#20.3): the part of each cooperating department in a task another unit leads. A task's cooperating units are
-- task.cooperating; a part without a row is OPEN (not yet accepted). The row is written on the part's first action.
create table cooperation_part (
    task_id     uuid        not null references task (id),
    unit        text        not null check (unit ~ '^DEPT:[a-z0-9-]+$'),
    status      text        not null check (status in ('OPEN', 'ACCEPTED', 'DONE')),
    accepted_at timestamptz,
    done_at     timestamptz,
    updated_at  timestamptz not null,
    updated_by  text        not null,
    note        text,
    primary key (task_id, unit)
);
