-- What the sender asked of delivery status notifications (RFC 3461), kept so that notices honour
-- it and the next hop hears it: RET and ENVID of the message, NOTIFY and ORCPT of each recipient.
-- Null where the parameter was not given. ENVID is at most 100 characters (§4.4), a whole ORCPT
-- value at most 500 (§4.2); both are kept decoded from xtext.
-- Plain SQL that PostgreSQL and H2 (run mode) both understand.

alter table message add column dsn_ret varchar(4);
alter table message add column envelope_id varchar(100);
alter table message_recipient add column notify_on varchar(32);
alter table message_recipient add column original_recipient_type varchar(500);
alter table message_recipient add column original_recipient varchar(500);
