-- Content checks: a quarantined message is a held message whose hold reason starts with
-- 'quarantine: ' (its content stays in the store like any queued message's, and delivery never
-- claims a held one); the index finds them for the quarantine's list and expiry. The switches an
-- operator turns on and off for every node, such as outbreak mode, with who changed them and when.
-- Plain SQL that PostgreSQL and H2 (run mode, PostgreSQL mode) both understand.

create index message_held_reason on message (state, hold_reason);

create table content_switch (
    name        varchar(32)   primary key,
    turned_on   boolean       not null,
    changed_by  varchar(320),
    changed_at  timestamp with time zone
);
insert into content_switch (name, turned_on) values ('outbreak', false);
