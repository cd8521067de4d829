-- Whether the sender of a deferred message has had its delay notice (sent once, after
-- PSL_DELAY_WARNING_SECONDS). Plain SQL that PostgreSQL and H2 (run mode) both understand.

alter table message add column delay_notified boolean not null default false;
