-- Files people keep up to date (issue 20, item 6).

-- 一户一档: the members of a household besides its head; phone and ID number encrypted, with masked copies
create table household_member (
    id           uuid primary key,
    household_id uuid        not null references household (id),
    name         text        not null,
    relation     text        not null check (relation in ('SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'GRANDPARENT', 'SIBLING', 'OTHER')),
    birth_date   date,
    phone_enc    text,
    phone_masked text,
    id_enc       text,
    id_masked    text,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index household_member_household on household_member (household_id);

-- a household that moved out keeps its file and its visits, and leaves lists and coverage
alter table household add column moved_out_at timestamptz;
alter table household add column moved_out_note text;
alter table household add constraint household_status_check check (status in ('ACTIVE', 'MOVED_OUT'));

-- a deactivated person keeps her history and gets no new work
alter table person add column deactivated_at timestamptz;
alter table person add column deactivation_reason text;
alter table person add constraint person_status_check check (status in ('ACTIVE', 'INACTIVE'));

-- PIPL: changes of personal data are recorded like reads (which fields, never their values)
alter table pii_access add column action text not null default 'READ' check (action in ('READ', 'CHANGE'));

-- 走访纪实 photos, kept in the database (JPEG or PNG, checked by signature, size limited by gridgov.visits.photo-max-bytes)
create table visit_photo (
    id           uuid primary key,
    visit_id     uuid        not null references visit (id),
    content_type text        not null check (content_type in ('image/jpeg', 'image/png')),
    size         integer     not null,
    sha256       text        not null,
    data         bytea       not null,
    uploaded_by  text        not null,
    uploaded_at  timestamptz not null
);
create index visit_photo_visit on visit_photo (visit_id);
