-- The console's message page and dashboard: how many SMTP transactions and recipients the session
-- policy refused each day, by stage (refusals leave no message row to count); the policy verdicts
-- of the session that sent each accepted message, one line each; and, on a notice (DSN) Passerelle
-- wrote, the queue id of the message it reports on.
-- Plain SQL that PostgreSQL and H2 (run mode) both understand.

create table refusal_count (
    refused_on  date         not null,
    stage       varchar(16)  not null,
    refusals    bigint       not null,
    primary key (refused_on, stage)
);

alter table message add column policy_verdicts varchar(20000);
alter table message add column notice_of varchar(16);
create index message_notice_of on message (notice_of);
