-- The monthly report (docs/reports.md).
-- traffic_day: the daily rollup per sender application and gateway site, kept for years (the
-- tracking rows expire after PSL_TRACKING_DAYS). Filled as messages settle: accepted messages and
-- their bytes, and refused transactions, counted in memory and added every few seconds; delivered,
-- deferred and bounced recipients added in the transaction that records the delivery round.
-- Several nodes add to the same rows by upserts.
-- monthly_report: each month's report per gateway site ('all': every site), the model as JSON; the
-- row is also the claim that makes one node only generate it.
-- Plain SQL that PostgreSQL and H2 (run mode) both understand.

create table traffic_day (
    traffic_on  date          not null,
    application varchar(64)   not null,
    site        varchar(64)   not null,
    accepted    bigint        not null default 0,
    delivered   bigint        not null default 0,
    deferred    bigint        not null default 0,
    bounced     bigint        not null default 0,
    refused     bigint        not null default 0,
    bytes       bigint        not null default 0,
    primary key (traffic_on, application, site)
);

create table monthly_report (
    report_month date          not null,
    site         varchar(64)   not null,
    generated_at timestamp with time zone not null,
    generated_by varchar(255)  not null,
    model        text          not null,
    primary key (report_month, site)
);
