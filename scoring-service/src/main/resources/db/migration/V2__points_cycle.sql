-- The points cycle (积分制): rules as versioned data, subjects and their classes, indicator
-- classes, the ledger's record/audit fields, month locks, balance roll-ups and published rankings.

-- Classes of individuals, each with its own standard (the seeds split cadres and party members
-- into 5 classes); volunteers and residents earn volunteer points.
create table subject_class (
    code             text primary key,
    name             text    not null,
    monthly_standard integer not null check (monthly_standard >= 0),
    description      text
);
insert into subject_class (code, name, monthly_standard, description) values
    ('CADRE_SECRETARY', '村（社区）书记', 5, 'class 1: branch secretaries'),
    ('CADRE_MEMBER', '村（社区）两委成员', 5, 'class 2: committee members'),
    ('PARTY_MEMBER_CADRE', '在职党员干部', 5, 'class 3: party members in office'),
    ('PARTY_MEMBER', '普通党员', 5, 'class 4: party members'),
    ('PARTY_MEMBER_MOBILE', '流动及老龄党员', 5, 'class 5: mobile and elderly party members'),
    ('GRID_WORKER', '网格员', 5, 'grid workers'),
    ('VOLUNTEER', '志愿者', 0, 'volunteers: volunteer points'),
    ('RESIDENT', '居民', 0, 'residents: volunteer points');

-- Everyone and everything that can hold points. Registered from lifecycle events (reporters, grids
-- and the grids' communities and streets) or through the API (classes of individuals, community kind).
create table subject (
    subject        text primary key check (subject ~ '^(USER|GRID|COMMUNITY|STREET):.+$'),
    subject_type   text        not null check (subject_type in ('USER', 'GRID', 'COMMUNITY', 'STREET')),
    class_code     text references subject_class (code),
    community_kind text check (community_kind in ('URBAN', 'RURAL')),
    home_code      text,
    name           text,
    registered_at  timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create index subject_home on subject (home_code text_pattern_ops);

-- Indicator classes of communities (6, urban) and villages (7, rural), each with a weight.
create table indicator (
    code           text primary key,
    community_kind text          not null check (community_kind in ('URBAN', 'RURAL')),
    name           text          not null,
    weight         numeric(5, 4) not null check (weight > 0 and weight <= 1)
);
insert into indicator (code, community_kind, name, weight) values
    ('urban.demands-resolved', 'URBAN', '诉求办理', 0.25),
    ('urban.basic-work', 'URBAN', '基础工作', 0.20),
    ('urban.property-service', 'URBAN', '物业服务', 0.15),
    ('urban.innovation', 'URBAN', '创新工作', 0.10),
    ('urban.satisfaction', 'URBAN', '群众满意度', 0.20),
    ('urban.party-building', 'URBAN', '党建引领', 0.10),
    ('rural.living-environment', 'RURAL', '人居环境', 0.15),
    ('rural.dispute-resolution', 'RURAL', '矛盾纠纷化解', 0.15),
    ('rural.openness', 'RURAL', '党务村务财务公开', 0.15),
    ('rural.party-branch', 'RURAL', '党支部建设', 0.15),
    ('rural.public-security', 'RURAL', '社会治安', 0.15),
    ('rural.integrity', 'RURAL', '廉洁建设', 0.10),
    ('rural.overall', 'RURAL', '综合工作', 0.15);

-- Rules as data. A version is never changed once written; a change is a new version, effective
-- from a time on. A fact is scored by the version in force when it happened.
create table rule_version (
    rule_id           text        not null check (rule_id ~ '^[a-z0-9-]+$'),
    version           integer     not null check (version > 0),
    fact              text        not null,
    subject_type      text        not null check (subject_type in ('USER', 'GRID', 'COMMUNITY', 'STREET', 'ANY')),
    -- fixed points; null for manual rules (the scorer gives 1..10) and for rules scored by level
    points            integer,
    -- points by level, e.g. satisfaction level -> points
    points_by         jsonb       not null default '{}',
    -- points by class of individual: each class's own standard
    class_points      jsonb       not null default '{}',
    requires_evidence boolean     not null default false,
    effective_from    timestamptz not null,
    description       text        not null,
    created_at        timestamptz not null default now(),
    created_by        text,
    primary key (rule_id, version)
);
create function rule_version_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'rule versions are immutable; write a new version';
end $$;
create trigger rule_version_immutable before update or delete on rule_version
    for each row execute function rule_version_immutable();

insert into rule_version (rule_id, version, fact, subject_type, points, points_by, requires_evidence, effective_from, description) values
    ('valid-report', 1, 'VALID_REPORT', 'USER', 1, '{}', false, '2000-01-01T00:00:00Z',
        'a report dispatched for the first time is a valid report: the reporter'),
    ('closed-satisfied', 1, 'CLOSED', 'GRID', null,
        '{"VERY_SATISFIED": 2, "SATISFIED": 2, "BASICALLY_SATISFIED": 1}', false, '2000-01-01T00:00:00Z',
        'the event was closed with the resident''s satisfaction level: the grid'),
    ('resolved-on-time', 1, 'RESOLVED_ON_TIME', 'GRID', 1, '{}', false, '2000-01-01T00:00:00Z',
        'the closed event was resolved by its deadline: the grid'),
    ('overdue', 1, 'OVERDUE', 'GRID', -1, '{}', false, '2000-01-01T00:00:00Z',
        'the closed event was resolved after its deadline: the grid'),
    ('rework', 1, 'REWORK', 'GRID', -1, '{}', false, '2000-01-01T00:00:00Z',
        'on-site verification failed and the event went back for rework (返工): the grid'),
    ('dissatisfied', 1, 'REOPENED', 'GRID', null, '{"DISSATISFIED": -2}', false, '2000-01-01T00:00:00Z',
        'the resident was dissatisfied (不满意) and the event was reopened: the grid'),
    ('solved-on-spot', 1, 'SOLVED_ON_SPOT', 'USER', 2, '{}', true, '2000-01-01T00:00:00Z',
        'a problem solved on the spot (即办件), recorded with evidence: the grid worker'),
    ('visit-made', 1, 'VISIT_MADE', 'USER', 1, '{}', true, '2000-01-01T00:00:00Z',
        'a household visit (走访纪实), recorded with evidence: the visitor'),
    ('monthly-coverage', 1, 'MONTHLY_COVERAGE', 'GRID', 5, '{}', true, '2000-01-01T00:00:00Z',
        'every household of the grid visited this month (全覆盖): the grid'),
    ('volunteer-service', 1, 'VOLUNTEER_SERVICE', 'USER', 1, '{}', true, '2000-01-01T00:00:00Z',
        'an hour of volunteer service: volunteer points'),
    ('manual-bonus', 1, 'MANUAL_BONUS', 'ANY', null, '{}', true, '2000-01-01T00:00:00Z',
        'bonus of 1 to 10 points with a reason and evidence (pilot work, honours)'),
    ('manual-penalty', 1, 'MANUAL_PENALTY', 'ANY', null, '{}', true, '2000-01-01T00:00:00Z',
        'penalty of 1 to 10 points with a reason and evidence (safety or environment incidents, criticism from above)');

-- The ledger gets what a daily record needs and what an audit decides.
alter table ledger_entry
    add column seq          bigint generated always as identity,
    add column rule_id      text,
    add column rule_version integer,
    add column fact_key     text,
    add column kind         text not null default 'FACT' check (kind in ('FACT', 'RECORD', 'MANUAL', 'CORRECTION')),
    add column subject_type text,
    add column occurred_at  timestamptz,
    add column place        text,
    add column reason       text,
    add column evidence     text[] not null default '{}',
    add column indicator    text references indicator (code),
    add column recorded_by  text,
    add column corrects     uuid references ledger_entry (id),
    add column audited_by   text,
    add column audit_reason text,
    add column audited_at   timestamptz;
update ledger_entry set rule_id = split_part(rule, '@', 1), rule_version = split_part(rule, '@', 2)::integer,
    fact_key = source_event, subject_type = split_part(subject, ':', 1), occurred_at = created_at;
alter table ledger_entry
    alter column rule_id set not null, alter column rule_version set not null, alter column fact_key set not null,
    alter column subject_type set not null, alter column occurred_at set not null,
    add constraint ledger_entry_rule foreign key (rule_id, rule_version) references rule_version (rule_id, version);
-- one fact earns a subject points under a rule once, whatever message carried it
create unique index ledger_fact on ledger_entry (rule_id, subject, fact_key);
create unique index ledger_seq on ledger_entry (seq);
create index ledger_subject_seq on ledger_entry (subject, seq);
create index ledger_period_status on ledger_entry (period, status);

-- Append-only: the only change an entry ever sees is its audit decision, once.
create function ledger_entry_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'ledger entries are never deleted; write a correction';
    end if;
    if (to_jsonb(new) - 'status' - 'audited_by' - 'audit_reason' - 'audited_at')
            <> (to_jsonb(old) - 'status' - 'audited_by' - 'audit_reason' - 'audited_at') then
        raise exception 'ledger entries are append-only; write a correction';
    end if;
    if old.status <> 'PENDING' or new.status = 'PENDING' then
        raise exception 'an audit decision is final';
    end if;
    return new;
end $$;
create trigger ledger_entry_append_only before update or delete on ledger_entry
    for each row execute function ledger_entry_append_only();

-- Monthly audit done: nothing in the month changes any more.
create table period_lock (
    period    text primary key check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    locked_at timestamptz not null,
    locked_by text        not null,
    approved  bigint      not null,
    rejected  bigint      not null
);

-- Balances per subject and period (month yyyy-MM, quarter yyyy-Qn, year yyyy), kept in the same
-- transaction as every entry and audit decision; recomputable from the ledger (GET /ledger/consistency).
create table subject_balance (
    subject      text    not null,
    period       text    not null,
    subject_type text    not null,
    points       bigint  not null default 0, -- pending + approved
    approved     bigint  not null default 0,
    pending      bigint  not null default 0,
    rejected     bigint  not null default 0,
    entries      integer not null default 0,
    primary key (subject, period)
);
create index subject_balance_rank on subject_balance (subject_type, period, points desc, subject);
insert into subject_balance (subject, period, subject_type, points, approved, pending, rejected, entries)
select subject, p, subject_type, coalesce(sum(points) filter (where status <> 'REJECTED'), 0),
       coalesce(sum(points) filter (where status = 'APPROVED'), 0), coalesce(sum(points) filter (where status = 'PENDING'), 0),
       coalesce(sum(points) filter (where status = 'REJECTED'), 0), count(*)
from (select *, unnest(array[period, substr(period, 1, 4) || '-Q' || ((substr(period, 6, 2)::int + 2) / 3), substr(period, 1, 4)]) p
      from ledger_entry) e
group by subject, p, subject_type;

-- Quarterly rankings, frozen when published; readable without login.
create table ranking_snapshot (
    id           uuid primary key,
    period       text        not null,
    level        text        not null,
    published_at timestamptz not null,
    published_by text        not null,
    unique (period, level)
);
create table ranking_row (
    snapshot_id uuid    not null references ranking_snapshot (id),
    position    integer not null,
    rank        integer not null,
    subject     text    not null,
    points      bigint  not null,
    entries     integer not null,
    primary key (snapshot_id, position)
);
