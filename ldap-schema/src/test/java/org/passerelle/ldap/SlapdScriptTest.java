package org.passerelle.ldap;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.schema.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs slapd.sh against the installed OpenLDAP; skipped where slapd is not installed. */
class SlapdScriptTest {

    private static final Path SCRIPT = Path.of("slapd.sh").toAbsolutePath();
    private static final String PASSWORD = "s3cret";

    @TempDir
    Path work;
    private Path dir;
    private Path consumerDir;
    private int port;

    @BeforeEach
    void chooseDirectory() {
        dir = work.resolve("slapd");
        consumerDir = work.resolve("consumer");
    }

    @AfterEach
    void stopSlapd() throws Exception {
        run("stop", "--dir", consumerDir.toString());
        run("stop", "--dir", dir.toString());
    }

    @Test
    void aConsumerReplicatesTheProviderAndRefersWritesToIt() throws Exception {
        start("--provider", "--replication-password", "r3plica");
        int consumerPort = freePort();
        assertEquals(0, run("start", "--dir", consumerDir.toString(), "--port", String.valueOf(consumerPort), "--password", PASSWORD,
                "--consumer-of", "ldap://127.0.0.1:" + port + "/", "--replication-password", "r3plica"), this::readOutput);
        String billing = "cn=billing,ou=applications," + EmbeddedDirectory.BASE_DN;

        try (LDAPConnection provider = connectAsAdmin();
             LDAPConnection consumer = new LDAPConnection("127.0.0.1", consumerPort, EmbeddedDirectory.ADMIN_DN, PASSWORD)) {
            assertTrue(consumer.getEntry("uid=alice,ou=people," + EmbeddedDirectory.BASE_DN, "userPassword")
                    .hasAttribute("userPassword"), "passwords replicate: SMTP AUTH binds to the consumer");
            assertEquals(provider.search(EmbeddedDirectory.BASE_DN, SearchScope.SUB, "(objectClass=*)").getEntryCount(),
                    consumer.search(EmbeddedDirectory.BASE_DN, SearchScope.SUB, "(objectClass=*)").getEntryCount(),
                    "started once it holds the whole tree");
            provider.modify(billing, new Modification(ModificationType.ADD, "pslNetwork", "192.0.2.61/32"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!consumer.getEntry(billing, "pslNetwork").hasAttributeValue("pslNetwork", "192.0.2.61/32")) {
                assertTrue(System.nanoTime() < deadline, "the change did not reach the consumer within 10 s");
                Thread.sleep(100);
            }

            LDAPException referred = assertThrows(LDAPException.class,
                    () -> consumer.modify(billing, new Modification(ModificationType.ADD, "pslNetwork", "192.0.2.62/32")));
            assertEquals(ResultCode.REFERRAL, referred.getResultCode());
            assertTrue(referred.getReferralURLs()[0].startsWith("ldap://127.0.0.1:" + port + "/"), referred::toString);
        }
    }

    @Test
    void aConsumerWithAWrongReplicationPasswordDoesNotStartAndSaysWhatToCheck() throws Exception {
        start("--provider", "--replication-password", "r3plica");

        assertEquals(1, run("start", "--dir", consumerDir.toString(), "--port", String.valueOf(freePort()),
                "--consumer-of", "ldap://127.0.0.1:" + port + "/", "--replication-password", "wrong"));
        assertTrue(readOutput().contains("is ldap://127.0.0.1:" + port + "/ up, and the replication password its own?"), this::readOutput);
    }

    @Test
    void startsSlapdWithTheSampleDataAndTheProjectSchema() throws Exception {
        start();

        try (LDAPConnection connection = connectAsAdmin()) {
            Set<String> suspended = connection
                    .search(EmbeddedDirectory.BASE_DN, SearchScope.SUB,
                            "(&(objectClass=pslSenderApplication)(pslStatus=suspended))", "cn")
                    .getSearchEntries().stream()
                    .map(e -> e.getAttributeValue("cn"))
                    .collect(Collectors.toSet());
            assertEquals(Set.of("legacy-fax", "backup"), suspended);

            Schema served = connection.getSchema();
            SchemaDefinitions ours = SchemaDefinitions.fromConfigLdif(DirectorySchema.PASSERELLE_LDIF);
            ours.attributeTypes().forEach((name, definition) -> assertEquals(definition,
                    SchemaDefinitions.normalise(served.getAttributeType(name).toString()), name));
            ours.objectClasses().forEach((name, definition) -> assertEquals(definition,
                    SchemaDefinitions.normalise(served.getObjectClass(name).toString()), name));
        }
    }

    /** Passerelle checks the directory's host name: the StartTLS certificate must name what clients connect to. */
    @Test
    void theStartTlsCertificateNamesTheLoopbackAddressAndLocalhost() throws Exception {
        start();

        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(dir.resolve("tls/cert.pem"))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        Set<List<?>> names = Set.copyOf(certificate.getSubjectAlternativeNames());
        assertTrue(names.contains(List.of(7, "127.0.0.1")), names::toString);
        assertTrue(names.contains(List.of(2, "localhost")), names::toString);
    }

    @Test
    void refusesAnApplicationWithoutStatusLikeTheEmbeddedDirectory() throws Exception {
        start();
        Entry noStatus = new Entry("cn=no-status,ou=applications," + EmbeddedDirectory.BASE_DN);
        noStatus.addAttribute("objectClass", "pslSenderApplication");
        noStatus.addAttribute("cn", "no-status");

        try (LDAPConnection connection = connectAsAdmin()) {
            LDAPException refused = assertThrows(LDAPException.class, () -> connection.add(noStatus));
            assertEquals(ResultCode.OBJECT_CLASS_VIOLATION, refused.getResultCode());
        }
    }

    @Test
    void loadsOnlyTheBaseTreeWithoutSample() throws Exception {
        start("--no-sample");

        try (LDAPConnection connection = connectAsAdmin()) {
            assertEquals(8, connection.search(EmbeddedDirectory.BASE_DN, SearchScope.ONE,
                    "(objectClass=organizationalUnit)").getEntryCount());
            assertEquals(0, connection.search(EmbeddedDirectory.BASE_DN, SearchScope.SUB,
                    "(objectClass=pslSenderApplication)").getEntryCount());
        }
    }

    @Test
    void stopEndsSlapdAndSucceedsWhenAlreadyStopped() throws Exception {
        start();

        assertEquals(0, run("stop", "--dir", dir.toString()));
        assertThrows(LDAPException.class, this::connectAsAdmin);
        assertEquals(0, run("stop", "--dir", dir.toString()));
    }

    private void start(String... options) throws Exception {
        port = freePort();
        String[] command = {"start", "--dir", dir.toString(), "--port", String.valueOf(port),
                "--password", PASSWORD};
        String[] all = new String[command.length + options.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(options, 0, all, command.length, options.length);
        assertEquals(0, run(all), () -> "slapd.sh start failed:\n" + readOutput());
    }

    private LDAPConnection connectAsAdmin() throws LDAPException {
        return new LDAPConnection("127.0.0.1", port, EmbeddedDirectory.ADMIN_DN, PASSWORD);
    }

    /** Runs the script and returns its exit code; its output goes to a file. */
    private int run(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = SCRIPT.toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(outputFile().toFile())
                .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "slapd.sh did not finish in 60 s");
        return process.exitValue();
    }

    private Path outputFile() {
        return work.resolve("slapd.sh.out");
    }

    private String readOutput() {
        try {
            return Files.readString(outputFile());
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
