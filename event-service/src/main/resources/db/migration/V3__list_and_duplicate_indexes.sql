-- The duplicate probe looks for the same category within a few tens of metres: search by category and
-- latitude band first (a handful of rows), then longitude and time from the index itself, instead of
-- every report of the category in the time window.
drop index event_duplicate_probe;
create index event_duplicate_probe on event (category, latitude, longitude, reported_at)
    where latitude is not null and merged_into is null;

-- Front-end lists filter a community or street by status (待办: dispatched, in progress): one index each, newest
-- first, instead of walking the place's whole history. (status, grid_code) from V1 is covered by the newer indexes.
create index event_community_status_reported on event (community_code, status, reported_at desc, id desc);
create index event_street_status_reported on event (street_code, status, reported_at desc, id desc);
drop index event_status_grid;
