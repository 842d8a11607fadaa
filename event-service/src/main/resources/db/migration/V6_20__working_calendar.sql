-- The working calendar as escalation-service announces it (calendar-year-set on
-- gridgov.escalation.calendar.v1): the years received, with the version (set_at) each holds, and
-- their holidays and make-up working days. A year not listed counts Monday to Friday only.
create table calendar_year (
    year        integer     primary key,
    set_at      timestamptz not null,
    received_at timestamptz not null default now()
);
create table calendar_day (
    day  date primary key,
    kind text not null check (kind in ('HOLIDAY', 'WORKDAY')),
    name text not null
);
