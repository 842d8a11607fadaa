-- person-upserted (for scoring-service's cadre classes) came after people were registered: announced_at records when a
-- person was last announced, and grid-service announces once, at start, every person who never was (PersonAnnouncements).
alter table person add column announced_at timestamptz;
create index person_unannounced on person (id) where announced_at is null;
