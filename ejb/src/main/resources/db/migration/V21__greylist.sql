-- Greylisting: the triplets (client network, normalised sender, recipient) seen from unregistered
-- clients of the relay listener, the passes of each client network (auto-allow), and the figures
-- of each day. Rows are added with INSERT ... ON CONFLICT DO NOTHING and then locked, so several
-- nodes share them; expired rows are deleted in batches on a schedule (hence the indexes on the
-- times). Plain SQL that PostgreSQL and H2 (run mode, PostgreSQL mode) both understand.

create table greylist_triplet (
    client_network  varchar(64)   not null,
    sender          varchar(512)  not null,
    recipient       varchar(512)  not null,
    first_seen      timestamp with time zone not null,
    last_seen       timestamp with time zone not null,
    passed_at       timestamp with time zone,
    passes          integer       not null default 0,
    primary key (client_network, sender, recipient)
);
create index greylist_triplet_first_seen on greylist_triplet (first_seen);
create index greylist_triplet_last_seen on greylist_triplet (last_seen);
create index greylist_triplet_recipient on greylist_triplet (recipient);
create index greylist_triplet_sender on greylist_triplet (sender);

create table greylist_network (
    client_network  varchar(64)   primary key,
    passes          integer       not null,
    last_counted    timestamp with time zone not null,
    last_seen       timestamp with time zone not null
);
create index greylist_network_last_seen on greylist_network (last_seen);

-- delays in seconds, of the triplets that passed after their delay
create table greylist_day (
    counted_on          date    primary key,
    greylisted          bigint  not null default 0,
    passed              bigint  not null default 0,
    delay_seconds_total bigint  not null default 0,
    delay_seconds_max   bigint  not null default 0,
    auto_allowed        bigint  not null default 0,
    allow_listed        bigint  not null default 0
);
