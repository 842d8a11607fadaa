-- 行村制: visits to households (走访纪实) and the problems found on them
create table visit (
    id                uuid primary key,
    household_id      uuid        not null references household (id),
    grid_code         text        not null,
    visitor_id        text        not null references person (id),
    visited_at        timestamptz not null,
    notes             text        not null,
    must_visit_reason text check (must_visit_reason in ('ILLNESS', 'HARDSHIP', 'WEDDING_FUNERAL')),
    created_at        timestamptz not null
);
create index visit_grid_time on visit (grid_code, visited_at);
create index visit_visitor_time on visit (visitor_id, visited_at);
create index visit_household_time on visit (household_id, visited_at);

create table visit_problem (
    id          uuid primary key,
    visit_id    uuid not null references visit (id),
    category    text not null,
    description text not null
);
create index visit_problem_visit on visit_problem (visit_id);
