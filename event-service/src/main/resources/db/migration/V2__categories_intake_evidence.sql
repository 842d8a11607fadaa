-- Categories as data (GB/T 30428.2 style): big classes (2-digit codes) and small classes (4-digit codes
-- starting with their big class's), for events (事件) and components (部件). Keys are stable English
-- names; routing rules in escalation-service match on key prefixes (e.g. public-order).
create table category (
    key             text primary key check (key ~ '^[a-z][a-z0-9-]*(\.[a-z0-9-]+)?$'),
    kind            text        not null check (kind in ('EVENT', 'COMPONENT')),
    code            text        not null check (code ~ '^[0-9]{2}([0-9]{2})?$'),
    name_zh         text        not null,
    name_en         text        not null,
    parent_key      text references category (key),
    urgency         text        not null default 'NORMAL' check (urgency in ('NORMAL', 'URGENT')),
    time_limit_days integer check (time_limit_days between 1 and 60),
    urgent_hours    integer check (urgent_hours between 1 and 72),
    active          boolean     not null default true,
    version         bigint      not null default 0,
    updated_at      timestamptz not null default now(),
    updated_by      text        not null default 'system',
    unique (kind, code),
    check ((parent_key is null) = (length(code) = 2)),
    check (urgency = 'NORMAL' or urgent_hours is not null)
);

insert into category (key, kind, code, name_zh, name_en, parent_key, urgency, time_limit_days, urgent_hours) values
 -- 事件 (events)
 ('environment',                    'EVENT', '01',   '市容环境', 'City appearance and environment', null, 'NORMAL', null, null),
 ('environment.garbage',            'EVENT', '0101', '暴露垃圾', 'Exposed garbage', 'environment', 'NORMAL', 1, null),
 ('environment.waste-accumulation', 'EVENT', '0102', '积存垃圾渣土', 'Accumulated garbage or muck', 'environment', 'NORMAL', 2, null),
 ('environment.dirty-road',         'EVENT', '0103', '道路不洁', 'Dirty road surface', 'environment', 'NORMAL', 1, null),
 ('environment.open-burning',       'EVENT', '0104', '焚烧垃圾树叶', 'Open burning of rubbish or leaves', 'environment', 'NORMAL', 1, null),
 ('advertising',                    'EVENT', '02',   '宣传广告', 'Advertising', null, 'NORMAL', null, null),
 ('advertising.illegal-ads',        'EVENT', '0201', '非法小广告', 'Illegal small advertisements', 'advertising', 'NORMAL', 2, null),
 ('construction',                   'EVENT', '03',   '施工管理', 'Construction management', null, 'NORMAL', null, null),
 ('construction.noise',             'EVENT', '0301', '施工扰民', 'Construction noise', 'construction', 'NORMAL', 2, null),
 ('construction.dust',              'EVENT', '0302', '施工扬尘', 'Construction dust', 'construction', 'NORMAL', 2, null),
 ('emergency',                      'EVENT', '04',   '突发事件', 'Emergencies', null, 'NORMAL', null, null),
 ('emergency.fire',                 'EVENT', '0401', '火灾', 'Fire', 'emergency', 'URGENT', null, 1),
 ('emergency.flooding',             'EVENT', '0402', '积水内涝', 'Flooding', 'emergency', 'URGENT', null, 4),
 ('emergency.gas-leak',             'EVENT', '0403', '燃气泄漏', 'Gas leak', 'emergency', 'URGENT', null, 1),
 ('emergency.road-collapse',        'EVENT', '0404', '路面塌陷', 'Road collapse', 'emergency', 'URGENT', null, 4),
 ('street-order',                   'EVENT', '05',   '街面秩序', 'Street order', null, 'NORMAL', null, null),
 ('street-order.street-vending',    'EVENT', '0501', '无照经营游商', 'Unlicensed street vending', 'street-order', 'NORMAL', 1, null),
 ('street-order.illegal-parking',   'EVENT', '0502', '违章停车', 'Illegal parking', 'street-order', 'NORMAL', 1, null),
 ('street-order.road-occupation',   'EVENT', '0503', '占道经营', 'Business occupying the road', 'street-order', 'NORMAL', 1, null),
 ('public-order',                   'EVENT', '06',   '社会治安', 'Public order', null, 'NORMAL', null, null),
 ('public-order.noise',             'EVENT', '0601', '噪音扰民', 'Noise nuisance', 'public-order', 'NORMAL', 2, null),
 ('public-order.dispute',           'EVENT', '0602', '矛盾纠纷', 'Dispute between residents', 'public-order', 'NORMAL', 5, null),
 ('public-order.security-risk',     'EVENT', '0603', '治安隐患', 'Security risk', 'public-order', 'NORMAL', 3, null),
 ('market',                         'EVENT', '07',   '市场监管', 'Market supervision', null, 'NORMAL', null, null),
 ('market.food-safety',             'EVENT', '0701', '食品安全', 'Food safety', 'market', 'NORMAL', 3, null),
 ('market.unlicensed-business',     'EVENT', '0702', '无证经营', 'Unlicensed business', 'market', 'NORMAL', 5, null),
 ('housing',                        'EVENT', '08',   '住房建设', 'Housing and building', null, 'NORMAL', null, null),
 ('housing.unsafe-building',        'EVENT', '0801', '危房隐患', 'Unsafe building', 'housing', 'NORMAL', 3, null),
 ('housing.illegal-construction',   'EVENT', '0802', '违章搭建', 'Illegal construction', 'housing', 'NORMAL', 7, null),
 ('housing.property-management',    'EVENT', '0803', '物业纠纷', 'Property management dispute', 'housing', 'NORMAL', 7, null),
 ('livelihood',                     'EVENT', '09',   '民生服务', 'Livelihood services', null, 'NORMAL', null, null),
 ('livelihood.assistance',          'EVENT', '0901', '困难救助', 'Hardship assistance', 'livelihood', 'NORMAL', 5, null),
 ('livelihood.elderly-care',        'EVENT', '0902', '养老服务', 'Elderly care', 'livelihood', 'NORMAL', 5, null),
 ('livelihood.employment',          'EVENT', '0903', '就业帮扶', 'Employment help', 'livelihood', 'NORMAL', 7, null),
 ('other',                          'EVENT', '99',   '其他事件', 'Other events', null, 'NORMAL', null, null),
 ('other.unclassified',             'EVENT', '9901', '其他事项', 'Other matters', 'other', 'NORMAL', null, null),
 -- 部件 (components: public facilities)
 ('utilities',                      'COMPONENT', '01',   '公用设施', 'Public utilities', null, 'NORMAL', null, null),
 ('utilities.manhole-cover',        'COMPONENT', '0101', '井盖', 'Manhole cover', 'utilities', 'NORMAL', 1, null),
 ('utilities.street-light',         'COMPONENT', '0102', '路灯', 'Street light', 'utilities', 'NORMAL', 3, null),
 ('utilities.fire-hydrant',         'COMPONENT', '0103', '消防栓', 'Fire hydrant', 'utilities', 'NORMAL', 2, null),
 ('road',                           'COMPONENT', '02',   '道路交通', 'Roads and traffic', null, 'NORMAL', null, null),
 ('road.pothole',                   'COMPONENT', '0201', '路面破损', 'Damaged road surface', 'road', 'NORMAL', 3, null),
 ('road.traffic-sign',              'COMPONENT', '0202', '交通标志', 'Traffic sign', 'road', 'NORMAL', 3, null),
 ('road.guardrail',                 'COMPONENT', '0203', '护栏', 'Guardrail', 'road', 'NORMAL', 3, null),
 ('greenery',                       'COMPONENT', '03',   '园林绿化', 'Parks and greenery', null, 'NORMAL', null, null),
 ('greenery.street-tree',           'COMPONENT', '0301', '行道树', 'Street tree', 'greenery', 'NORMAL', 3, null),
 ('greenery.green-space',           'COMPONENT', '0302', '绿地', 'Green space', 'greenery', 'NORMAL', 5, null);

-- Every edit of a category, for audit.
create table category_history (
    id         bigint generated always as identity primary key,
    key        text        not null,
    version    bigint      not null,
    snapshot   jsonb       not null,
    changed_by text        not null,
    changed_at timestamptz not null
);

alter table event add column urgency text not null default 'NORMAL';
alter table event add column time_limit_days integer;
alter table event add column urgent_hours integer;
alter table event add column item_type text not null default 'PROMISED';
alter table event add column merged_into uuid references event (id);
alter table event add column request_hash text;
alter table event add column reject_reason text;
alter table event add column accepted_at timestamptz;
-- 12345 calls entered by an operator on a caller's behalf: the caller's name and phone, encrypted
alter table event add column hotline_ticket text;
alter table event add column caller_name_enc text;
alter table event add column caller_phone_enc text;
alter table event add column operator_id text;
-- partner systems' reports: who sent it and under which of its own ids
alter table event add column partner text;
alter table event add column external_id text;
create unique index event_partner_external on event (partner, external_id) where partner is not null;
create unique index event_hotline_ticket on event (hotline_ticket) where hotline_ticket is not null;
create index event_merged_into on event (merged_into) where merged_into is not null;
-- duplicate search: same category, recent, open
create index event_duplicate_probe on event (category, reported_at) where latitude is not null and merged_into is null;
-- lists: newest first, filtered by place; the board: open items per place, nearest deadline first
create index event_reported on event (reported_at desc, id desc);
create index event_grid_reported on event (grid_code, reported_at desc, id desc);
create index event_community_reported on event (community_code, reported_at desc, id desc);
create index event_street_reported on event (street_code, reported_at desc, id desc);
create index event_status_reported on event (status, reported_at desc, id desc);
create index event_reporter on event (reporter_id, reported_at desc);
create index event_open_grid on event (grid_code, deadline) where status not in ('CLOSED', 'REJECTED', 'MERGED');
create index event_open_community on event (community_code, deadline) where status not in ('CLOSED', 'REJECTED', 'MERGED');
create index event_open_street on event (street_code, deadline) where status not in ('CLOSED', 'REJECTED', 'MERGED');
create index event_handler on event (handler_unit, reported_at desc) where handler_unit is not null;

-- Photo and file metadata; the bytes are in the evidence store (local disk by default).
create table evidence (
    id           uuid primary key,
    sha256       text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    content_type text        not null,
    size         bigint      not null check (size > 0),
    url          text        not null,
    stored       boolean     not null,
    uploaded_by  text        not null,
    uploaded_at  timestamptz not null
);
create index evidence_sha on evidence (sha256);

create table event_evidence (
    id           bigint generated always as identity primary key,
    event_id     uuid        not null references event (id),
    timeline_id  bigint      not null references event_timeline (id),
    stage       text        not null check (stage in ('REPORT', 'HANDLING', 'VERIFICATION')),
    url          text       not null,
    content_type text       not null,
    size         bigint     not null,
    sha256       text       not null,
    added_by     text       not null,
    added_at     timestamptz not null
);
create index event_evidence_event on event_evidence (event_id);

-- PIPL: every read of a 12345 caller's phone in clear (who, when, which event)
create table pii_read (
    id       bigint generated always as identity primary key,
    event_id uuid        not null,
    reader   text        not null,
    what     text        not null,
    read_at  timestamptz not null
);
create index pii_read_event on pii_read (event_id);
