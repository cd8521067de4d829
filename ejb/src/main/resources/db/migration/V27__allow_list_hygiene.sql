-- Hygiene of the allow-lists (docs/allow-list-hygiene.md).
-- application_use: when each application last had a message accepted from each of its networks
-- (the network that held the client, as the directory writes it); kept in memory by each node and
-- written in batches by upserts, so several nodes write the same rows.
-- hygiene_reminder: the reminders mailed to an application's managers and owners, by subject
-- ('stale', 'expires-30:2027-03-31', 'expires-7:...', 'expired:...'), so that none is mailed twice
-- (a stale one again only after PSL_STALE_REMINDER_DAYS).
-- change_request.expires: the new expiry date a request asks for (pslExpires).
-- Plain SQL that PostgreSQL and H2 (run mode) both understand.

create table application_use (
    application varchar(64)  not null,
    network     varchar(64)  not null,
    last_used   timestamp with time zone not null,
    primary key (application, network)
);

create table hygiene_reminder (
    application varchar(64)  not null,
    subject     varchar(64)  not null,
    reminded_at timestamp with time zone not null,
    primary key (application, subject)
);

alter table change_request add column expires date;
