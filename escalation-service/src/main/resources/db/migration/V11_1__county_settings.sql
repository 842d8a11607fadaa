-- Several counties in one deployment (issue #20): routing rules, departments and the working
-- calendar are scoped per county. county null = the shared default every county uses (only the
-- system administrator changes it); a 6-digit code = that county's own.

-- Routing rule sets: a county may publish its own; an event of the county is routed by the
-- county's latest set, else by the latest shared set. Versions stay one sequence for all.
alter table routing_rule_set add column county text check (county ~ '^[0-9]{6}$');
create index routing_rule_set_county on routing_rule_set (county, version desc);
-- which county's set decided a task (null: the shared set)
alter table task add column rule_county text;

-- Departments: the seeded ones are shared; a county may add its own.
alter table department add column county text check (county ~ '^[0-9]{6}$');

-- Calendar: the national days (county null) and each county's local days.
alter table calendar_day drop constraint calendar_day_pkey;
alter table calendar_day add column county text check (county ~ '^[0-9]{6}$');
create unique index calendar_day_national on calendar_day (day) where county is null;
create unique index calendar_day_local on calendar_day (county, day) where county is not null;
-- the years for which a county set its local days, and the version announced
create table calendar_county_year (
    county       text        not null check (county ~ '^[0-9]{6}$'),
    year         integer     not null,
    loaded_at    timestamptz not null default now(),
    loaded_by    text        not null,
    published_at timestamptz,
    primary key (county, year)
);
