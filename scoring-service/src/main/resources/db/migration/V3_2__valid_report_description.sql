-- #20.7 valid-report@1 said "a report dispatched for the first time"; the fact has always been 立案, the report accepted
-- as a valid case (org.gridgov.event.accepted.v1). Only the description is corrected: points, fact and dates stay.
-- Rule versions are immutable for the service; this migration lifts the guard for this one row and puts it back.
alter table rule_version disable trigger rule_version_immutable;
update rule_version
   set description = 'a report accepted as a valid case (立案, event accepted): the reporter; not 12345 hotline callers or partner systems, who have no account'
 where rule_id = 'valid-report' and version = 1;
alter table rule_version enable trigger rule_version_immutable;
