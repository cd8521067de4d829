-- The database decides what is due: a message is due when it is queued or deferred and its
-- next_attempt_at has come; a delivery worker claims a batch of due messages (FOR UPDATE SKIP
-- LOCKED, then a lease: claim_token and claimed_until), so two workers, or two nodes, never
-- deliver one message at once. claims counts the claims since the last recorded attempt: a claim
-- that never records (a crash, a node killed) is counted, and too many put the message on hold.
-- next_attempt_at is kept only while a message is in the queue, so the due scan reads only those.
-- The delivery outbox is gone: a queued row is its own outbox. Plain SQL for PostgreSQL and H2.

alter table message add column claim_token varchar(64);
alter table message add column claimed_until timestamp with time zone;
alter table message add column claims integer not null default 0;
create index message_claim_token on message (claim_token);

update message set next_attempt_at = received_at where state = 'QUEUED' and next_attempt_at is null;
update message set next_attempt_at = state_changed_at where state = 'DEFERRED' and next_attempt_at is null;
update message set next_attempt_at = null where state not in ('QUEUED', 'DEFERRED');

drop table delivery_outbox;
