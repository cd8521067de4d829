/**
 * Several nodes on one database (docs/cluster.md, "Scheduled jobs and takeover"): which node this
 * is ({@link NodeIdentity}), its heartbeat and the release of a dead node's delivery claims
 * ({@link NodeHeartbeat}, deciding with {@link Liveness}), and the jobs that run once per period
 * across the nodes ({@link ClusterJob}, {@link JobPeriod}, claimed through {@link ClusterJobs},
 * their runs kept from overlapping by {@link JobLock}).
 */
package org.passerelle.cluster;
