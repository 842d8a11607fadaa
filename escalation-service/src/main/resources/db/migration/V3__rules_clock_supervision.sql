-- Partner and functional departments (职能部门) that tasks can go to.
create table department (
    code text primary key,
    name text not null
);
insert into department (code, name) values
 ('police', '公安'), ('market', '市场监管'), ('housing', '住建'), ('sanitation', '环卫'), ('health', '卫健'),
 ('emergency', '应急管理'), ('urban-management', '城管');

-- Routing rules as data, versioned: every edit is a new version; dispatches name the version.
create table routing_rule_set (
    version    integer primary key,
    created_at timestamptz not null,
    created_by text        not null,
    note       text
);
create table routing_rule (
    version         integer not null references routing_rule_set (version),
    position        integer not null,
    id              text    not null,
    category_prefix text    not null,
    place_prefix    text    not null,
    tier            text    not null check (tier in ('GRID', 'COMMUNITY', 'STREET')),
    handler         text    not null,
    cooperating     text[]  not null default '{}',
    urgent_hours    integer,
    primary key (version, position)
);
insert into routing_rule_set (version, created_at, created_by, note) values (1, now(), 'system', 'defaults: the grid first, then community, then street; departments for their matters');
insert into routing_rule (version, position, id, category_prefix, place_prefix, tier, handler, cooperating, urgent_hours) values
 (1, 0, 'emergency-grid', 'emergency', '', 'GRID', 'GRID', '{}', 4),
 (1, 1, 'default-grid', '', '', 'GRID', 'GRID', '{}', null),
 (1, 2, 'default-community', '', '', 'COMMUNITY', 'COMMUNITY', '{}', null),
 (1, 3, 'public-order-street', 'public-order', '', 'STREET', 'DEPT:police', '{"urban-management"}', null),
 (1, 4, 'market-street', 'market', '', 'STREET', 'DEPT:market', '{}', null),
 (1, 5, 'housing-street', 'housing', '', 'STREET', 'DEPT:housing', '{}', null),
 (1, 6, 'environment-street', 'environment', '', 'STREET', 'DEPT:sanitation', '{"urban-management"}', null),
 (1, 7, 'default-street', '', '', 'STREET', 'STREET', '{}', null);

-- The SLA clock: durable timers in the task rows themselves.
alter table task drop constraint task_status_check;
alter table task add constraint task_status_check
    check (status in ('OPEN', 'RESOLVED', 'CLOSED', 'SUPERSEDED', 'ESCALATED'));
alter table task add column warn_at timestamptz;
alter table task add column warned_at timestamptz;
alter table task add column overdue_at timestamptz;
alter table task add column cooperating text[] not null default '{}';
alter table task add column rule_version integer;
alter table task add column escalated_from uuid;
update task set warn_at = dispatched_at + (deadline - dispatched_at) * 0.8;
alter table task alter column warn_at set not null;
create index task_warn_due on task (warn_at) where status = 'OPEN' and warned_at is null;
create index task_overdue_due on task (deadline) where status = 'OPEN' and overdue_at is null;

-- 督办: supervision notices for overdue items
create table supervision_notice (
    id        uuid primary key,
    task_id   uuid        not null references task (id),
    issued_by text        not null,
    issued_at timestamptz not null,
    note      text        not null
);
create index supervision_notice_task on supervision_notice (task_id);
