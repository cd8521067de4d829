-- The outbound SMTP client: the TLS protocol each delivery attempt used (null in plain text), and
-- what a message's body needs the next hop to hear (BODY=8BITMIME, SMTPUTF8).
-- Plain SQL that PostgreSQL and H2 (run mode) both understand.

alter table delivery_attempt add column tls_protocol varchar(16);
alter table message add column eight_bit_mime boolean not null default false;
alter table message add column smtputf8 boolean not null default false;
