-- The grid registry: street -> community -> grid. Codes carry their place in the tree
-- (GB/T 30428.1 idea): county(6) + street(3) + community(3) + grid(3) digits.
create table grid_node (
    code           text primary key,
    name           text        not null,
    level          text        not null check (level in ('STREET', 'COMMUNITY', 'GRID')),
    kind           text        not null default 'GEOGRAPHIC',
    status         text        not null default 'ACTIVE',
    parent_code    text references grid_node (code),
    community_code text,
    street_code    text,
    leader_id      text,
    boundary       text,
    version        bigint      not null default 1,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create index grid_node_parent on grid_node (parent_code);
