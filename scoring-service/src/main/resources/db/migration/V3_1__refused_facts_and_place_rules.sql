-- #20.7 Scoring as the seeds run it.

-- A consumed fact a rule could not credit: its rule version requires evidence the fact does not carry, or the
-- fact names no subject of the rule's type. Kept with the reason, so that nothing is dropped silently
-- (GET /ledger/refused-facts); once per rule, subject and fact, like the ledger.
create table refused_fact (
    id           uuid primary key,
    rule_id      text        not null,
    rule_version integer     not null,
    fact         text        not null,
    subject      text        not null,
    subject_type text        not null,
    fact_key     text        not null,
    source_event text        not null,
    source_ref   text        not null,
    period       text        not null,
    occurred_at  timestamptz not null,
    reason       text        not null,
    refused_at   timestamptz not null,
    foreign key (rule_id, rule_version) references rule_version (rule_id, version),
    unique (rule_id, subject, fact_key)
);
create index refused_fact_period on refused_fact (period, refused_at);

-- Communities and streets are scored subjects (seeds: a village's points weigh 60% in its annual assessment):
-- the loop credits the community and the street an event happened in, by rules of their own.
insert into rule_version (rule_id, version, fact, subject_type, points, points_by, requires_evidence, effective_from, description) values
    ('community-on-time', 1, 'RESOLVED_ON_TIME', 'COMMUNITY', 1, '{}', false, '2000-01-01T00:00:00Z',
        'an event in the community was closed, resolved by its deadline: the community (社区/村)'),
    ('community-overdue', 1, 'OVERDUE', 'COMMUNITY', -1, '{}', false, '2000-01-01T00:00:00Z',
        'an event in the community was closed, resolved after its deadline: the community (社区/村)'),
    ('community-satisfied', 1, 'CLOSED', 'COMMUNITY', null, '{"VERY_SATISFIED": 1, "SATISFIED": 1}', false, '2000-01-01T00:00:00Z',
        'an event in the community was closed with the resident satisfied (非常满意/满意): the community (社区/村)'),
    ('community-dissatisfied', 1, 'REOPENED', 'COMMUNITY', null, '{"DISSATISFIED": -1}', false, '2000-01-01T00:00:00Z',
        'the resident was dissatisfied (不满意) with an event in the community and it was reopened, once per reopening: the community (社区/村)'),
    ('street-on-time', 1, 'RESOLVED_ON_TIME', 'STREET', 1, '{}', false, '2000-01-01T00:00:00Z',
        'an event in the street was closed, resolved by its deadline: the street (街道/镇)'),
    ('street-overdue', 1, 'OVERDUE', 'STREET', -1, '{}', false, '2000-01-01T00:00:00Z',
        'an event in the street was closed, resolved after its deadline: the street (街道/镇)'),
    ('street-satisfied', 1, 'CLOSED', 'STREET', null, '{"VERY_SATISFIED": 1, "SATISFIED": 1}', false, '2000-01-01T00:00:00Z',
        'an event in the street was closed with the resident satisfied (非常满意/满意): the street (街道/镇)'),
    ('street-dissatisfied', 1, 'REOPENED', 'STREET', null, '{"DISSATISFIED": -1}', false, '2000-01-01T00:00:00Z',
        'the resident was dissatisfied (不满意) with an event in the street and it was reopened, once per reopening: the street (街道/镇)');
