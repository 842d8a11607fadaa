-- #20.8 Several counties in one deployment. A setting with county null is the shared default every county uses (only the
-- system administrator changes it); a 6-digit county is that county's own (its administrator or the system administrator).

-- A county's own versions of a rule: the same rule id, version numbers shared with the other counties' versions, so that
-- rule id @ version still names one version. A fact of a subject of county C is scored by C's version in force if C has
-- one, else by the shared one.
alter table rule_version add column county text check (county ~ '^[0-9]{6}$');
create index rule_version_fact on rule_version (fact, effective_from);

-- A county's own indicator weights (the annual accounting); without a row, the shared weight of the indicator.
create table indicator_weight (
    county text          not null check (county ~ '^[0-9]{6}$'),
    code   text          not null references indicator (code),
    weight numeric(5, 4) not null check (weight > 0 and weight <= 1),
    set_at timestamptz   not null,
    set_by text          not null,
    primary key (county, code)
);

-- The county an entry counts in: its subject's (the first 6 digits of its place) when written, for an individual without a
-- home code the county the fact happened in, else none (only a lock of every county freezes such an entry).
alter table ledger_entry disable trigger ledger_entry_append_only;
alter table ledger_entry add column county text;
update ledger_entry e set county = left(case when e.subject_type = 'USER' then (select s.home_code from subject s where s.subject = e.subject)
    else split_part(e.subject, ':', 2) end, 6);
update ledger_entry set county = null where county !~ '^[0-9]{6}$';
alter table ledger_entry enable trigger ledger_entry_append_only;
create index ledger_period_county on ledger_entry (period, county, status);

-- Month locks per county; county null locks the month for every county (the system administrator's).
alter table period_lock drop constraint period_lock_pkey;
alter table period_lock add column county text check (county ~ '^[0-9]{6}$');
create unique index period_lock_county on period_lock (period, coalesce(county, ''));

-- Rankings published per county; rows published before (county null) ranked the whole deployment.
alter table ranking_snapshot drop constraint ranking_snapshot_period_level_key;
alter table ranking_snapshot add column county text check (county ~ '^[0-9]{6}$');
create unique index ranking_snapshot_county on ranking_snapshot (period, level, coalesce(county, ''));
