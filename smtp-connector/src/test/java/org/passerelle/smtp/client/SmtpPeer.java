package org.passerelle.smtp.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A next hop played by a test: each connection it accepts runs the given dialogue on a thread of
 * its own. It counts connections (in all and at once), records every line the client sends, and
 * keeps what went wrong on its side for {@link #close()} to report.
 */
public final class SmtpPeer implements AutoCloseable {

    /** What the peer says and expects on one connection. */
    @FunctionalInterface
    public interface Dialogue {
        void run(Connection connection) throws Exception;
    }

    private static SSLContext tls;

    private final ServerSocket server;
    private final Dialogue dialogue;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final List<String> transcript = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

    private SmtpPeer(Dialogue dialogue) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.dialogue = dialogue;
        this.acceptor = new Thread(this::accept, "smtp-peer-" + server.getLocalPort());
        acceptor.start();
    }

    public static SmtpPeer start(Dialogue dialogue) throws IOException {
        return new SmtpPeer(dialogue);
    }

    public NextHop hop() {
        return new NextHop("127.0.0.1", server.getLocalPort());
    }

    public int connections() {
        return connections.get();
    }

    public int maxConcurrent() {
        return maxConcurrent.get();
    }

    /** Every line clients sent, as {@code n: line} where n counts connections from 1. */
    public List<String> transcript() {
        synchronized (transcript) {
            return List.copyOf(transcript);
        }
    }

    /** How many lines of the transcript start with the given command. */
    public long count(String command) {
        return transcript().stream().filter(line -> line.substring(line.indexOf(": ") + 2).startsWith(command)).count();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                int number = connections.incrementAndGet();
                maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                new Thread(() -> talk(new Connection(number, socket)), "smtp-peer-connection-" + number).start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    failures.add(e);
                }
            }
        }
    }

    private void talk(Connection connection) {
        try {
            dialogue.run(connection);
        } catch (Exception | AssertionError e) {
            failures.add(e);
        } finally {
            concurrent.decrementAndGet();
            connection.close();
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join(5_000);
        synchronized (sockets) {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        synchronized (failures) {
            if (!failures.isEmpty()) {
                AssertionError error = new AssertionError("the SMTP peer failed: " + failures.get(0), failures.get(0));
                failures.stream().skip(1).forEach(error::addSuppressed);
                throw error;
            }
        }
    }

    /** One accepted connection, as the dialogue sees it. */
    public final class Connection {

        private final int number;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(int number, Socket socket) {
            this.number = number;
            attach(socket);
        }

        public int number() {
            return number;
        }

        /** Sends each line with CRLF, all in one write. */
        public void send(String... lines) throws IOException {
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                text.append(line).append("\r\n");
            }
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** The next command line, without CRLF; fails after 5 seconds of silence. */
        public String read() throws IOException {
            String line = readLine();
            transcript.add(number + ": " + line);
            return line;
        }

        /** The message after DATA, as sent (still dot-stuffed), up to and without the final dot line. */
        public String readData() throws IOException {
            StringBuilder data = new StringBuilder();
            String line;
            while (!(line = readLine()).equals(".")) {
                data.append(line).append("\r\n");
            }
            return data.toString();
        }

        /** How long {@link #read()} waits for a line. */
        public void timeout(Duration timeout) throws IOException {
            socket.setSoTimeout((int) timeout.toMillis());
        }

        /** Reads nothing more and waits until the peer is closed, as a next hop that hangs. */
        public void holdUntilClosed() throws InterruptedException {
            while (!socket.isClosed()) {
                Thread.sleep(50);
            }
        }

        /** Whether the client has sent something this connection has not read yet. */
        public boolean pending() throws IOException {
            return in.available() > 0;
        }

        /** Whether the client closed the connection without sending anything more. */
        public boolean closedByClient() throws IOException {
            try {
                return in.read() < 0;
            } catch (SocketException reset) {
                return true;
            }
        }

        /** The server side of a TLS handshake, with the given protocols enabled (all the JDK's when none). */
        public void startTls(String... protocols) throws IOException {
            startTls(tls(), protocols);
        }

        /** The server side of a TLS handshake with the certificate of the given context. */
        public void startTls(SSLContext server, String... protocols) throws IOException {
            SSLSocket secure = (SSLSocket) server.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
            secure.setUseClientMode(false);
            if (protocols.length > 0) {
                secure.setEnabledProtocols(protocols);
            }
            secure.startHandshake();
            attach(secure);
        }

        private void attach(Socket connected) {
            try {
                socket = connected;
                socket.setSoTimeout(5_000);
                in = new BufferedInputStream(socket.getInputStream());
                out = socket.getOutputStream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new EOFException("connection " + number + " closed by the client after: " + line);
                }
                line.write(b);
            }
            String text = line.toString(StandardCharsets.UTF_8);
            if (!text.endsWith("\r")) {
                throw new IOException("line without CRLF: " + text);
            }
            return text.substring(0, text.length() - 1);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                failures.add(e);
            }
        }
    }

    /** A server certificate made for this test run by the JDK's keytool. */
    private static synchronized SSLContext tls() {
        if (tls == null) {
            try {
                Path dir = Files.createTempDirectory("smtp-peer-tls");
                Path store = dir.resolve("peer.p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "peer", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=peer.test", "-validity", "2", "-storetype", "PKCS12",
                        "-keystore", store.toString(), "-storepass", "peerpass", "-keypass", "peerpass")
                        .redirectErrorStream(true).start();
                String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (keytool.waitFor() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(store)) {
                    keys.load(in, "peerpass".toCharArray());
                }
                KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                managers.init(keys, "peerpass".toCharArray());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(managers.getKeyManagers(), null, null);
                tls = context;
            } catch (Exception e) {
                throw new IllegalStateException("no test certificate", e);
            }
        }
        return tls;
    }
}
