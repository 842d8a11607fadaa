-- The years whose working calendar is loaded (the State Council's notice of holidays and make-up
-- working days): a deadline computed into a year not listed here counts Monday to Friday only, and
-- its task says so (calendar_missing).
create table calendar_year (
    year      integer     primary key,
    loaded_at timestamptz not null default now(),
    loaded_by text        not null
);
insert into calendar_year (year, loaded_by) values (2025, 'migration V2'), (2026, 'migration V2');
alter table task add column calendar_missing boolean not null default false;
