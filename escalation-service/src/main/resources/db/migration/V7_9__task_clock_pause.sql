-- item types (#20.4): the clock of a task stands while its event waits for the reporter's material (补办件) or is
-- parked (挂账); paused_at is when it stopped, and the deadline moves by the time it stood when it runs again.
alter table task add column paused_at timestamptz;
