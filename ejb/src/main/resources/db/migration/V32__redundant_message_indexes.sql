-- Three of the message table's indexes are the leading column of another one: (received_at) of
-- (received_at, state), (application) of (application, received_at), (state) of (state,
-- hold_reason). Every accepted message wrote an entry into each of them, and every vacuum of the
-- table read them all, for lookups the wider indexes serve the same way (docs/performance.md).
-- Plain SQL that PostgreSQL and H2 (run mode) both understand.

drop index message_received_at;
drop index message_application;
drop index message_state;
