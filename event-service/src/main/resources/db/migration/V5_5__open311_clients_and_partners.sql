-- Partner systems that report over Kafka, each on its own topic gridgov.partner.<code>.report.v1.
create table partner (
    code text primary key,
    name text not null,
    created_at timestamptz not null,
    created_by text not null,
    revoked_at timestamptz,
    revoked_by text
);

-- Open311 client applications, identified by an api_key of which only the SHA-256 is kept.
create table open311_client (
    id uuid primary key,
    code text not null unique,
    name text not null,
    key_hash text not null unique,
    key_hint text not null,
    rate_limit_per_minute integer not null,
    window_start timestamptz,
    window_count integer not null default 0,
    created_at timestamptz not null,
    created_by text not null,
    revoked_at timestamptz
);

-- Extra attributes an Open311 client asks for on some services (GeoReport v2 service definitions).
create table open311_attribute (
    service_code text not null,
    code text not null,
    position integer not null,
    datatype text not null,
    required boolean not null,
    description text not null,
    datatype_description text,
    choices text,
    primary key (service_code, code)
);

insert into open311_attribute (service_code, code, position, datatype, required, description, datatype_description, choices) values
    ('road.pothole', 'size', 1, 'singlevaluelist', true, '坑槽大小 (size of the pothole)', 'small, medium or large',
     '[{"key":"small","name":"小 (smaller than a plate)"},{"key":"medium","name":"中 (up to a car tyre)"},{"key":"large","name":"大 (wider than a car tyre)"}]'),
    ('road.pothole', 'depth_cm', 2, 'number', false, '深度，厘米 (depth in centimetres)', 'a number of centimetres', null),
    ('utilities.manhole-cover', 'cover_state', 1, 'singlevaluelist', true, '井盖状况 (state of the cover)', 'missing, broken or loose',
     '[{"key":"missing","name":"丢失 (missing)"},{"key":"broken","name":"破损 (broken)"},{"key":"loose","name":"松动 (loose)"}]');

-- The resident's contact an Open311 client application sends (email, phone, first and last name): AES-256-GCM
-- encrypted JSON, shown masked, in clear only through an audit-logged read.
alter table event add column open311_contact_enc text;
alter table event add column open311_client text;
