package org.passerelle.it.endtoend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;

/**
 * An OpenLDAP provider and a syncrepl consumer of it, each a private slapd started by
 * {@code ldap-schema/slapd.sh} ({@code --provider}, {@code --consumer-of}) with the sample data,
 * in folders {@code provider} and {@code consumer} under its own: the directory of Passerelle
 * nodes that read a replica ({@code PSL_LDAP_URL}) and write the provider ({@code PSL_LDAP_WRITE_URL}).
 * The administrator is {@code cn=admin,dc=passerelle,dc=test} with password {@code passerelle} on
 * both, as on the tests' own slapd.
 */
final class SlapdPair implements AutoCloseable {

    private static final String REPLICATION_PASSWORD = "replication-secret";

    private final Path dir;
    private final int providerPort;
    private final int consumerPort;

    private SlapdPair(Path dir, int providerPort, int consumerPort) {
        this.dir = dir;
        this.providerPort = providerPort;
        this.consumerPort = consumerPort;
    }

    /** Starts the provider, then the consumer, which is started once it holds the provider's base entry. */
    static SlapdPair start(Path dir, int providerPort, int consumerPort) {
        SlapdPair pair = new SlapdPair(dir, providerPort, consumerPort);
        pair.slapd("start", "--dir", pair.providerDir(), "--port", String.valueOf(providerPort), "--provider",
                "--replication-password", REPLICATION_PASSWORD);
        try {
            pair.startConsumer();
        } catch (RuntimeException e) {
            pair.slapd("stop", "--dir", pair.providerDir());
            throw e;
        }
        return pair;
    }

    String providerUrl() {
        return "ldap://127.0.0.1:" + providerPort;
    }

    String consumerUrl() {
        return "ldap://127.0.0.1:" + consumerPort;
    }

    /** A fresh consumer, which replicates the provider's whole tree before it counts as started. */
    void startConsumer() {
        slapd("start", "--dir", consumerDir(), "--port", String.valueOf(consumerPort), "--consumer-of", providerUrl() + "/",
                "--replication-password", REPLICATION_PASSWORD);
    }

    void stopConsumer() {
        slapd("stop", "--dir", consumerDir());
    }

    /** The values of the entry's attribute on the provider; empty when it has none or there is no such entry. */
    List<String> onProvider(String dn, String attribute) {
        return values(providerUrl(), dn, attribute);
    }

    /** The values of the entry's attribute on the consumer; empty when it has none or there is no such entry. */
    List<String> onConsumer(String dn, String attribute) {
        return values(consumerUrl(), dn, attribute);
    }

    @Override
    public void close() {
        try {
            stopConsumer();
        } finally {
            slapd("stop", "--dir", providerDir());
        }
    }

    private static List<String> values(String url, String dn, String attribute) {
        DirContext directory = null;
        try {
            directory = DirectoryAdmin.connect(url);
            Attribute found = directory.getAttributes(dn, new String[] {attribute}).get(attribute);
            List<String> values = new ArrayList<>();
            if (found != null) {
                NamingEnumeration<?> all = found.getAll();
                while (all.hasMore()) {
                    values.add(String.valueOf(all.next()));
                }
            }
            return values;
        } catch (NameNotFoundException e) {
            return List.of();
        } catch (NamingException e) {
            throw new IllegalStateException("reading " + dn + " at " + url + ": " + e, e);
        } finally {
            close(directory);
        }
    }

    private static void close(DirContext directory) {
        if (directory != null) {
            try {
                directory.close();
            } catch (NamingException e) {
                // nothing held
            }
        }
    }

    private String providerDir() {
        return dir.resolve("provider").toString();
    }

    private String consumerDir() {
        return dir.resolve("consumer").toString();
    }

    private void slapd(String... arguments) {
        List<String> command = new ArrayList<>(List.of(TestSettings.get("slapd.script")));
        command.addAll(List.of(arguments));
        try {
            Files.createDirectories(dir);
            Path output = dir.resolve("slapd.sh.out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("slapd.sh " + String.join(" ", arguments) + " did not finish in 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("slapd.sh " + String.join(" ", arguments) + " failed:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("running slapd.sh: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
