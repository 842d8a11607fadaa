-- 联动 (#20.3): the parts of the departments cooperating on an event's task, as escalation-service announces them
-- (task-dispatched's cooperatingUnits, then cooperation-accepted/-progressed/-done). current: the part belongs to the
-- event's latest dispatch (the lead resolves only when those are done, or says why not); a department that has or had
-- a part reads the event.
create table cooperation_part (
    task_id    uuid        not null,
    unit       text        not null,
    event_id   uuid        not null references event (id),
    status     text        not null check (status in ('OPEN', 'ACCEPTED', 'DONE')),
    current    boolean     not null,
    updated_at timestamptz not null,
    primary key (task_id, unit)
);
create index cooperation_part_event on cooperation_part (event_id, unit);
