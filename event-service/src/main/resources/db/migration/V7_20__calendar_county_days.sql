-- Several counties in one deployment (issue #20): escalation-service announces each county's local
-- days of a year (calendar-year-set with county, key year/county) besides the national days. An
-- event counts the national days and its county's (first 6 digits of its place code).
alter table calendar_day drop constraint calendar_day_pkey;
alter table calendar_day add column county text check (county ~ '^[0-9]{6}$');
create unique index calendar_day_national on calendar_day (day) where county is null;
create unique index calendar_day_local on calendar_day (county, day) where county is not null;
-- the version (set_at) of each county's local days of a year received
create table calendar_county_year (
    county      text        not null check (county ~ '^[0-9]{6}$'),
    year        integer     not null,
    set_at      timestamptz not null,
    received_at timestamptz not null default now(),
    primary key (county, year)
);
