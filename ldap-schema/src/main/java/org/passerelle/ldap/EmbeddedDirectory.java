package org.passerelle.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryRequestHandler;
import com.unboundid.ldap.listener.LDAPListener;
import com.unboundid.ldap.listener.LDAPListenerConfig;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldif.LDIFReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * The run mode's directory: an in-memory LDAP server on 127.0.0.1 holding the base tree and the
 * sample data, with the same schema as OpenLDAP and schema checking on, so that data the
 * embedded directory accepts OpenLDAP accepts too.
 *
 * <p>Every operation needs a bind, and only the administrator may change anything
 * ({@link DirectoryAccess}). Given a state file, the directory starts from it when it exists (from
 * the sample data otherwise, then writes it) and writes it again after each change.
 */
public final class EmbeddedDirectory implements AutoCloseable {

    public static final String BASE_DN = "dc=passerelle,dc=test";
    public static final String ADMIN_DN = "cn=admin," + BASE_DN;
    public static final int DEFAULT_PORT = 10389;
    public static final String DEFAULT_ADMIN_PASSWORD = "passerelle";
    /** The start of the line {@link #main} prints once the directory listens. */
    public static final String READY = "embedded directory listening on ";

    private static final String BASE_LDIF = "/ldap/base.ldif";
    private static final String SAMPLE_LDIF = "/ldap/sample.ldif";

    private final LDAPListener listener;

    private EmbeddedDirectory(LDAPListener listener) {
        this.listener = listener;
    }

    /**
     * Starts a directory loaded with the base tree and sample data, kept in memory only.
     *
     * @param port the port on 127.0.0.1, or 0 for any free port (see {@link #port()})
     * @param adminPassword the password of {@link #ADMIN_DN}
     */
    public static EmbeddedDirectory start(int port, String adminPassword) throws LDAPException {
        return start(port, adminPassword, null);
    }

    /**
     * Starts a directory that keeps its tree in an LDIF file: loaded from it when it exists, else
     * from the base tree and sample data; written again after each change.
     *
     * @param stateFile the LDIF file, or {@code null} to keep the tree in memory only
     */
    public static EmbeddedDirectory start(int port, String adminPassword, Path stateFile) throws LDAPException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
        config.addAdditionalBindCredentials(ADMIN_DN, adminPassword);
        config.setSchema(DirectorySchema.standardWithPasserelle());
        // an anonymous bind is allowed, so that a client learns why its next operation is refused
        config.setAuthenticationRequiredOperationTypes(EnumSet.of(OperationType.ADD, OperationType.COMPARE,
                OperationType.DELETE, OperationType.EXTENDED, OperationType.MODIFY, OperationType.MODIFY_DN,
                OperationType.SEARCH));
        InMemoryRequestHandler directory = new InMemoryRequestHandler(config);

        DirectoryStateFile state = stateFile == null ? null : new DirectoryStateFile(stateFile);
        if (state != null && state.exists()) {
            state.loadInto(directory);
        } else {
            importLdif(directory, BASE_LDIF, true);
            importLdif(directory, SAMPLE_LDIF, false);
            if (state != null) {
                state.save(directory);
            }
        }

        Runnable afterChange = state == null ? () -> { } : () -> state.saveAfterChange(directory);
        LDAPListenerConfig listenerConfig = new LDAPListenerConfig(port,
                new DirectoryAccess(directory, new DN(ADMIN_DN), afterChange));
        listenerConfig.setListenAddress(loopback());
        LDAPListener listener = new LDAPListener(listenerConfig);
        try {
            listener.startListening();
        } catch (IOException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        return new EmbeddedDirectory(listener);
    }

    /** The port the directory listens on. */
    public int port() {
        return listener.getListenPort();
    }

    public String url() {
        return "ldap://127.0.0.1:" + port();
    }

    /** Stops listening and closes open connections. */
    public void stop() {
        listener.shutDown(true);
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Runs the embedded directory until the process is stopped:
     * {@code [--port N] [--password P] [--ldif FILE]}; the password is {@code PSL_LDAP_PASSWORD}'s
     * when not given, else {@value #DEFAULT_ADMIN_PASSWORD}. Prints one line starting with
     * {@value #READY} once it listens; exits with status 1 and one line of explanation when it
     * cannot start (the port is taken, the state file is unreadable).
     */
    public static void main(String[] args) throws Exception {
        CommandLine commandLine;
        try {
            // the run command passes the password through the environment, where ps does not show it
            String password = System.getenv().getOrDefault("PSL_LDAP_PASSWORD", DEFAULT_ADMIN_PASSWORD);
            commandLine = CommandLine.parse(password, args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: EmbeddedDirectory [--port N] [--password P] [--ldif FILE]");
            System.exit(2);
            return;
        }
        EmbeddedDirectory directory;
        try {
            directory = start(commandLine.port(), commandLine.adminPassword(), commandLine.stateFile());
        } catch (LDAPException e) {
            System.err.println("embedded directory: cannot start on 127.0.0.1:" + commandLine.port()
                    + (commandLine.stateFile() == null ? "" : " from " + commandLine.stateFile()) + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(directory::stop));
        System.out.println(READY + directory.url()
                + (commandLine.stateFile() == null ? "" : ", tree saved in " + commandLine.stateFile()));
        Thread.currentThread().join();
    }

    private static void importLdif(InMemoryRequestHandler directory, String resource, boolean clear)
            throws LDAPException {
        try (InputStream in = EmbeddedDirectory.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            directory.importFromLDIF(clear, new LDIFReader(in));
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

    /** The command line of {@link #main}: {@code --port N}, {@code --password P} and {@code --ldif FILE}, all optional. */
    record CommandLine(int port, String adminPassword, Path stateFile) {

        static CommandLine parse(String defaultPassword, String... args) {
            int port = DEFAULT_PORT;
            String password = defaultPassword;
            Path stateFile = null;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--port" -> port = parsePort(args[i + 1]);
                    case "--password" -> password = args[i + 1];
                    case "--ldif" -> stateFile = Path.of(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new CommandLine(port, password, stateFile);
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
