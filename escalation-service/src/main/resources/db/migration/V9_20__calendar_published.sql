-- The version of each year's working calendar that was announced to the suite
-- (org.gridgov.escalation.calendar-year-set.v1 on gridgov.escalation.calendar.v1): a year whose
-- published_at is not its loaded_at is announced at the next start (the years seeded by the
-- migrations, on a fresh install), and PUT /calendar/{year} announces the year in its transaction.
alter table calendar_year add column published_at timestamptz;
