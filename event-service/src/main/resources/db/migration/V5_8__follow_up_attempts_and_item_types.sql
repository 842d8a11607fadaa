-- 回访 that ends (#20.5): every call attempt of the follow-up queue is kept (who, when, outcome), and an event
-- nobody answered is closed as 回访未果 (follow_up_outcome NO_ANSWER), counted apart from the ratings.
create table follow_up_attempt (
    id         bigserial   primary key,
    event_id   uuid        not null references event (id),
    caller     text        not null,
    called_at  timestamptz not null,
    outcome    text        not null check (outcome in ('ANSWERED', 'NO_ANSWER', 'UNREACHABLE', 'CALL_BACK_LATER')),
    note       text
);
create index follow_up_attempt_event on follow_up_attempt (event_id, called_at);

alter table event add column follow_up_outcome text check (follow_up_outcome in ('NO_ANSWER'));

-- item types (#20.4): 补办件 waits for the reporter's material (its clock paused, within a limit); 挂账 is parked with a
-- reason, a review date and a supervisor's approval; 上报件 follows escalation. item_type stays free text (ItemType).
alter table event add column material_requested text;
alter table event add column material_due_at    timestamptz;
alter table event add column park_reason        text;
alter table event add column park_review_on     date;
alter table event add column park_requested_by  text;
alter table event add column park_approved_by   text;
