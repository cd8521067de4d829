-- DKIM signing per signing domain and DMARC alignment of application mail (docs/dkim-and-alignment.md).
-- dkim_key: one RSA key per signing domain and selector, made by the central service; the private key
-- (PKCS#8, DER) never leaves the server: not logged, not returned by the API. A key signs once a DNS
-- check found its record published (published_at); the newest such active key of a domain signs;
-- a deactivated key is kept for the record.
-- message: what the acceptance of an application's message found: the domain of its header From:,
-- the domain that signed it (none: not signed), and whether From: aligns with the envelope sender
-- (SPF) and with the signing domain (DKIM), relaxed: the same organisational domain. Both false:
-- the message would fail DMARC. Null for mail that is not an application's.
-- Plain SQL that PostgreSQL and H2 (run mode) both understand.

create table dkim_key (
    domain          varchar(253)  not null,
    selector        varchar(63)   not null,
    private_key     bytea         not null,
    public_key      varchar(1024) not null,
    created_at      timestamp with time zone not null,
    created_by      varchar(255)  not null,
    active          boolean       not null,
    published_at    timestamp with time zone,
    deactivated_at  timestamp with time zone,
    deactivated_by  varchar(255),
    primary key (domain, selector)
);

alter table message add column header_from_domain varchar(253);
alter table message add column dkim_domain varchar(253);
alter table message add column spf_aligned boolean;
alter table message add column dkim_aligned boolean;
