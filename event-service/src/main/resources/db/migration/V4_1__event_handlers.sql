-- Every unit that has held an event as lead handler, so that department figures count each of them,
-- not only the last one. Kept by a trigger on event.handler_unit: every path that hands an event over
-- (dispatch, escalation, return and re-dispatch) is covered without each remembering to write it.
create table event_handler_history (
    event_id     uuid        not null references event (id),
    handler_unit text        not null,
    since        timestamptz not null default now(),
    primary key (event_id, handler_unit)
);
create index event_handler_history_unit on event_handler_history (handler_unit);

insert into event_handler_history (event_id, handler_unit, since)
select id, handler_unit, updated_at from event where handler_unit is not null;

create function event_handler_record() returns trigger language plpgsql as $$
begin
    if new.handler_unit is not null and (tg_op = 'INSERT' or new.handler_unit is distinct from old.handler_unit) then
        insert into event_handler_history (event_id, handler_unit) values (new.id, new.handler_unit) on conflict do nothing;
    end if;
    return new;
end $$;

create trigger event_handler_record after insert or update of handler_unit on event
    for each row execute function event_handler_record();
