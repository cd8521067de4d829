-- The login a message's client authenticated as over SMTP AUTH, if it did: failure notices to a
-- sender nobody vouches for (no AUTH, no sender application) return the headers only.
-- Plain SQL that PostgreSQL and H2 (run mode) both understand.

alter table message add column authenticated_user varchar(320);
