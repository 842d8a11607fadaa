-- PIPL: every read of a resident's personal data in clear is recorded (who, when, what).
create table pii_access (
    id          bigint generated always as identity primary key,
    accessed_by text        not null,
    roles       text        not null,
    accessed_at timestamptz not null,
    subject     text        not null,
    fields      text        not null,
    purpose     text        not null
);
create index pii_access_by on pii_access (accessed_by, accessed_at);
create index pii_access_subject on pii_access (subject, accessed_at);
