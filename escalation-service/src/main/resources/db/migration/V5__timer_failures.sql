-- A timer that fails to fire (a task the clock cannot warn or escalate) is recorded and retried
-- later, instead of blocking the timers behind it.
alter table task add column timer_error text, add column timer_retry_at timestamptz;
