-- 督办 before the deadline as well as after it: each notice says to which unit it went and whether the task was overdue.
alter table supervision_notice add column handler_unit text;
alter table supervision_notice add column overdue boolean;
