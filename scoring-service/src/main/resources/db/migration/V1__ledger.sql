-- Append-only points ledger. Corrections are new entries, never updates.
create table ledger_entry (
    id           uuid primary key,
    subject      text        not null,
    points       integer     not null,
    rule         text        not null,
    source_event text        not null,
    source_ref   text        not null,
    period       text        not null,
    status       text        not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    created_at   timestamptz not null,
    -- a message earns a subject points under a rule once
    unique (source_event, rule, subject)
);
create index ledger_subject_period on ledger_entry (subject, period);
create index ledger_source_ref on ledger_entry (source_ref);
