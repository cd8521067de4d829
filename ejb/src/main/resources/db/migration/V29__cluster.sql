-- Several nodes on one database (docs/cluster.md, "Scheduled jobs and takeover").
-- job_run: who runs a job's period (the primary key lets one node claim it; a node whose
-- heartbeat is gone loses an unfinished claim to the next node that asks). The period is a number
-- that JobPeriod derives from the time (an interval's count since the epoch, a day, a month).
-- cluster_node: each node's heartbeat; a node whose heartbeat is older than PSL_NODE_DEAD_SECONDS
-- is dead, and its delivery claims (tokens "node/boot/...") are released by the survivors.
-- Plain SQL for PostgreSQL and H2.

create table job_run (
    job varchar(64) not null,
    period bigint not null,
    node_id varchar(64) not null,
    boot varchar(16) not null,
    started_at timestamp with time zone not null,
    finished_at timestamp with time zone,
    primary key (job, period)
);

create table cluster_node (
    node_id varchar(64) not null primary key,
    boot varchar(16) not null,
    started_at timestamp with time zone not null,
    heartbeat_at timestamp with time zone not null
);
