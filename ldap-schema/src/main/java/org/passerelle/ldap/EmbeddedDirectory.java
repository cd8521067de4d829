package org.passerelle.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;

/**
 * The run mode's directory: an in-memory LDAP server on 127.0.0.1 holding the base tree and the
 * sample data, with the same schema as OpenLDAP and schema checking on, so that data the
 * embedded directory accepts OpenLDAP accepts too.
 */
public final class EmbeddedDirectory implements AutoCloseable {

    public static final String BASE_DN = "dc=passerelle,dc=test";
    public static final String ADMIN_DN = "cn=admin," + BASE_DN;
    public static final int DEFAULT_PORT = 10389;
    public static final String DEFAULT_ADMIN_PASSWORD = "passerelle";

    private static final String BASE_LDIF = "/ldap/base.ldif";
    private static final String SAMPLE_LDIF = "/ldap/sample.ldif";

    private final InMemoryDirectoryServer server;

    private EmbeddedDirectory(InMemoryDirectoryServer server) {
        this.server = server;
    }

    /**
     * Starts a directory loaded with the base tree and sample data.
     *
     * @param port the port on 127.0.0.1, or 0 for any free port (see {@link #port()})
     * @param adminPassword the password of {@link #ADMIN_DN}
     */
    public static EmbeddedDirectory start(int port, String adminPassword) throws LDAPException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
        config.addAdditionalBindCredentials(ADMIN_DN, adminPassword);
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPConfig("ldap", loopback(), port, null));
        config.setSchema(DirectorySchema.standardWithPasserelle());

        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        importLdif(server, BASE_LDIF, true);
        importLdif(server, SAMPLE_LDIF, false);
        server.startListening();
        return new EmbeddedDirectory(server);
    }

    /** The port the directory listens on. */
    public int port() {
        return server.getListenPort();
    }

    public String url() {
        return "ldap://127.0.0.1:" + port();
    }

    /** Stops listening and closes open connections. */
    public void stop() {
        server.shutDown(true);
    }

    @Override
    public void close() {
        stop();
    }

    /** Runs the embedded directory until the process is killed: {@code [--port N] [--password P]}. */
    public static void main(String[] args) throws Exception {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: EmbeddedDirectory [--port N] [--password P]");
            System.exit(2);
            return;
        }
        EmbeddedDirectory directory = start(commandLine.port(), commandLine.adminPassword());
        Runtime.getRuntime().addShutdownHook(new Thread(directory::stop));
        System.out.println("embedded directory listening on " + directory.url());
        Thread.currentThread().join();
    }

    private static void importLdif(InMemoryDirectoryServer server, String resource, boolean clear)
            throws LDAPException {
        try (InputStream in = EmbeddedDirectory.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            server.importFromLDIF(clear, new LDIFReader(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line of {@link #main}: {@code --port N} and {@code --password P}, both optional. */
    record CommandLine(int port, String adminPassword) {

        static CommandLine parse(String... args) {
            int port = DEFAULT_PORT;
            String password = DEFAULT_ADMIN_PASSWORD;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--port" -> port = parsePort(args[i + 1]);
                    case "--password" -> password = args[i + 1];
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new CommandLine(port, password);
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("port out of range: " + value);
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port number: " + value);
            }
        }
    }
}
