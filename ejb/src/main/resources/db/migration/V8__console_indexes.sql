-- What the console's searches and dashboard ask of the tracking log, with 100,000 messages and more:
-- counts by state over a period (an index-only scan of received_at and state), a search by
-- Message-ID or client address, the latest attempt of each queued message, failing next hops.
-- Plain SQL that PostgreSQL and H2 (run mode) both understand.

create index message_received_at_state on message (received_at, state);
create index message_message_id on message (message_id);
create index message_client_address on message (client_address);
create index message_application_received_at on message (application, received_at);
create index delivery_attempt_attempted_at on delivery_attempt (attempted_at);
