-- Connection-rate watch and application rate limits (docs/rates.md). Each node counts in memory
-- and adds its counts here in batches; the sliding hour is the sum of the slices it covers.
-- rate_slice: counts per kind (connection, message, delivery), subject (a client network or an
-- application) and slice of the window (a sixtieth of it: a minute of the hour).
-- rate_hour: the messages and deliveries of each application per clock hour, kept five weeks, the
-- history against which an hour's volume is compared (three times the median: an anomaly).
-- rate_alert: the last alert per subject and level, so that the nodes together send one per hour.
-- Plain SQL that PostgreSQL and H2 (run mode) both understand.

create table rate_slice (
    kind        varchar(16)   not null,
    subject     varchar(256)  not null,
    slice_start timestamp with time zone not null,
    counted     bigint        not null,
    primary key (kind, subject, slice_start)
);
create index rate_slice_start on rate_slice (slice_start);

create table rate_hour (
    kind        varchar(16)   not null,
    subject     varchar(256)  not null,
    hour_start  timestamp with time zone not null,
    counted     bigint        not null,
    primary key (kind, subject, hour_start)
);
create index rate_hour_start on rate_hour (hour_start);

create table rate_alert (
    kind        varchar(16)   not null,
    subject     varchar(256)  not null,
    alert_level varchar(16)   not null,
    alerted_at  timestamp with time zone not null,
    primary key (kind, subject, alert_level)
);
