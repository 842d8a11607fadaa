-- When a task of the event first went overdue (escalation-service's task.overdue). An event that went
-- overdue at any tier is late, even when the tier above, with a fresh deadline, solved it in time.
alter table event add column overdue_at timestamptz;
