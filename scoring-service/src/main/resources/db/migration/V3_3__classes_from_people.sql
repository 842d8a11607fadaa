-- #20.7 An individual's class comes from grid-service's person record (org.gridgov.grid.person-upserted.v1), not
-- from demo codes or a hand-kept copy: the subject remembers which person record it follows, so that an older record
-- (a redelivery, a replay) never overwrites a newer one and a class set by hand does not fight grid-service's.
alter table subject
    add column person_role       text,
    add column person_status     text,
    add column person_updated_at timestamptz;
comment on column subject.person_updated_at is 'updatedAt of the grid-service person record the class follows; null: not a grid-service person';
