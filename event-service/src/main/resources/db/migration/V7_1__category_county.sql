-- Several counties in one deployment: a county may extend the category catalogue. county null = the shared
-- (national) catalogue as seeded, which only the system administrator changes; 6 digits = that county's own
-- categories, which its administrator (or the system administrator) adds, edits and retires.
-- Uniqueness: the key stays the primary key, unique across the deployment (events, routing rules and Open311
-- service codes name a category by its key alone). A (kind, code) is unique among the shared categories and each
-- county's own: two counties may both use 事件 9901, but neither may take a code of the shared catalogue (checked by
-- Categories.put, as a partial index cannot compare a county's row with the shared ones).
alter table category add column county text check (county ~ '^[0-9]{6}$');
alter table category drop constraint category_kind_code_key;
create unique index category_shared_code on category (kind, code) where county is null;
create unique index category_county_code on category (county, kind, code) where county is not null;
