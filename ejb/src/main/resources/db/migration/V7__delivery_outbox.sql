-- Accepted messages not yet on the JMS delivery queue. The spool writes a row here in its
-- database-only transaction; the outbox sweeper moves rows onto the queue in batches.
create table delivery_outbox (
    queue_id  varchar(32) primary key references message (queue_id) on delete cascade
);
