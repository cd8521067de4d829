package org.passerelle.it.endtoend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Passerelle server and its next hop (an smtp-sink), shared by all end-to-end test classes:
 * started by the first that asks, stopped when the test run ends.
 */
final class Passerelle implements ExtensionContext.Store.CloseableResource {

    /** How long the test server keeps trying a message: long enough to survive a restart. */
    static final Duration QUEUE_LIFETIME = Duration.ofSeconds(90);

    final PasserelleServer server;
    final SmtpSink sink;
    final RestApi api;

    private Passerelle() {
        int smtpPort = TestSettings.port("e2e.smtp.port");
        int sinkPort = TestSettings.port("e2e.sink.port");
        server = new PasserelleServer(TestSettings.path("server.home"), TestSettings.path("e2e.base.dir"),
                TestSettings.port("e2e.port.offset"), smtpPort, Map.ofEntries(
                        Map.entry("PSL_JDBC_URL", TestSettings.get("it.db.url") + "/" + TestSettings.get("e2e.database")),
                        Map.entry("PSL_DB_USER", TestSettings.get("it.db.user")),
                        Map.entry("PSL_DB_PASSWORD", TestSettings.get("it.db.password")),
                        Map.entry("PSL_LDAP_URL", TestSettings.get("it.ldap.url")),
                        Map.entry("PSL_SMTP_BIND_ADDRESS", "127.0.0.1"),
                        Map.entry("PSL_SMTP_PORT", String.valueOf(smtpPort)),
                        Map.entry("PSL_SUBMISSION_PORT", TestSettings.get("e2e.submission.port")),
                        Map.entry("PSL_SUBMISSIONS_PORT", TestSettings.get("e2e.submissions.port")),
                        Map.entry("PSL_HOSTNAME", "e2e.passerelle.test"),
                        Map.entry("PSL_SMART_HOST", "[127.0.0.1]:" + sinkPort),
                        Map.entry("PSL_MINIMAL_BACKOFF_SECONDS", "2"),
                        Map.entry("PSL_MAXIMAL_BACKOFF_SECONDS", "8"),
                        Map.entry("PSL_MAXIMAL_QUEUE_LIFETIME_SECONDS", String.valueOf(QUEUE_LIFETIME.toSeconds())),
                        Map.entry("PSL_DIRECTORY_CACHE_SECONDS", "1"),
                        // the applications' last uses written every second, for HygieneIT
                        Map.entry("PSL_LAST_USE_FLUSH_SECONDS", "1"),
                        // the queue's gauges read every second, for MetricsIT
                        Map.entry("PSL_METRICS_QUEUE_REFRESH_SECONDS", "1"),
                        // the suite opens thousands of connections from a few loopback clients: no rate alert or block
                        // (RateWatchIT runs a server of its own with short thresholds)
                        Map.entry("PSL_RATE_ALERT_PER_HOUR", "0"),
                        Map.entry("PSL_RATE_BLOCK_PER_HOUR", "0"),
                        Map.entry("PSL_RATE_APPLICATION_ALERT_PER_HOUR", "0"),
                        // the tests send from unregistered loopback clients to the managed domains and expect
                        // an answer at once: not greylisted here (GreylistIT runs a server of its own)
                        Map.entry("PSL_GREYLIST_ENABLED", "false"),
                        // the suite defers and bounces on purpose: no incident monitor runs here to mail about it
                        // (IncidentsIT runs a server of its own whose monitors run every second)
                        Map.entry("PSL_INCIDENT_MONITOR_SECONDS", "86400"),
                        // no content checks on this server: ContentChecksIT runs a server of its own with spamd and clamd
                        Map.entry("PSL_CONTENT_VIRUS_FLOWS", "none"),
                        Map.entry("PSL_CONTENT_SPAM_FLOWS", "none"),
                        Map.entry("PSL_CONTENT_ATTACHMENT_FLOWS", "none"),
                        // the authorities of the delivery TLS tests' next hops, for the verify policy
                        Map.entry("PSL_SMTP_CLIENT_TLS_CA_FILE", TlsNextHop.createCertificates(nextHopTls()).toString())));
        sink = new SmtpSink(sinkPort, TestSettings.path("work.dir").resolve("sink"));
        api = new RestApi(server);
    }

    /** Where the certificates of {@link TlsNextHop} are. */
    static Path nextHopTls() {
        return TestSettings.path("work.dir").resolve("next-hop-tls");
    }

    @Override
    public void close() {
        sink.stop();
        server.stop();
    }

    /** Gives test methods and constructors the shared {@link Passerelle}. */
    static final class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Passerelle.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(Passerelle.class, key -> {
                        Passerelle passerelle = new Passerelle();
                        passerelle.sink.start();
                        try {
                            passerelle.server.start();
                        } catch (RuntimeException e) {
                            passerelle.sink.stop();
                            throw e;
                        }
                        return passerelle;
                    }, Passerelle.class);
        }
    }
}
