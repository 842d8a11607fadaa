-- The full tree: district -> street -> community -> level-1 grid -> level-2 grid (-> building -> household).
alter table grid_node drop constraint grid_node_level_check;
alter table grid_node add constraint grid_node_level_check
    check (level in ('DISTRICT', 'STREET', 'COMMUNITY', 'GRID1', 'GRID'));
alter table grid_node add column district_code text;
alter table grid_node add column grid1_code text;
-- 多网合一: geographic grids plus thematic ones (industry, age group, interest)
alter table grid_node add column theme text;
-- the matters that run through this grid (party building, public security, ...)
alter table grid_node add column matters text[] not null default '{}';
alter table grid_node add column retired_at timestamptz;
alter table grid_node add column successor_codes text[];
create index grid_node_level_status on grid_node (level, status);

-- every version of every node, for history after retiring, moving, splitting or merging
create table grid_node_history (
    id         bigint generated always as identity primary key,
    code       text        not null,
    version    bigint      not null,
    change     text        not null,
    snapshot   text        not null,
    changed_by text        not null,
    changed_at timestamptz not null
);
create index grid_node_history_code on grid_node_history (code, id);

-- people of the grids: leaders, workers, party members, building leaders, volunteers
create table person (
    id           text primary key,
    name         text        not null,
    role         text        not null check (role in ('GRID_LEADER', 'GRID_WORKER', 'PARTY_MEMBER', 'BUILDING_LEADER', 'VOLUNTEER', 'CADRE')),
    phone_enc    text,
    phone_masked text,
    cadre_class  text,
    status       text        not null default 'ACTIVE',
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create table person_grid (
    person_id text not null references person (id),
    grid_code text not null references grid_node (code),
    primary key (person_id, grid_code)
);
create index person_grid_grid on person_grid (grid_code);

create table building (
    code       text primary key,
    grid_code  text        not null references grid_node (code),
    name       text        not null,
    address    text        not null,
    latitude   double precision,
    longitude  double precision,
    leader_id  text references person (id),
    created_at timestamptz not null
);
create index building_grid on building (grid_code);
create index building_address on building (address);

-- 一户一档
create table household (
    id                uuid primary key,
    code              text        not null unique,
    grid_code         text        not null references grid_node (code),
    building_code     text references building (code),
    address           text        not null,
    head_name         text        not null,
    head_phone_enc    text,
    head_phone_masked text,
    head_id_enc       text,
    head_id_masked    text,
    member_count      integer     not null check (member_count between 1 and 99),
    tags              text[]      not null default '{}',
    focus_tags        text[]      not null default '{}',
    contact_person_id text references person (id),
    status            text        not null default 'ACTIVE',
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
create index household_by_grid on household (grid_code);
create index household_contact on household (contact_person_id);

-- thematic grid membership: one household can belong to several
create table household_grid (
    household_id uuid not null references household (id),
    grid_code    text not null references grid_node (code),
    primary key (household_id, grid_code)
);
create sequence household_number;
