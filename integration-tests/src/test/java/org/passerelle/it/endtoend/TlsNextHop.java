package org.passerelle.it.endtoend;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A next hop that offers STARTTLS with a certificate of its own, for the tests of the delivery TLS
 * policies: a real TLS SMTP server on 127.0.0.1 (smtp-sink has no TLS). It takes every message and
 * records it; a client that refuses its certificate just goes away.
 *
 * <p>The certificates are made once per test run by the JDK's keytool, before the server starts,
 * and written as one PEM file that the server trusts ({@code PSL_SMTP_CLIENT_TLS_CA_FILE}):
 * {@link #WRONG_NAME} is for another host, {@link #LOOPBACK} for 127.0.0.1.
 */
final class TlsNextHop implements AutoCloseable {

    static final String WRONG_NAME = "wrong-name";
    static final String LOOPBACK = "loopback";
    private static final String PASSWORD = "changeit";

    private final ServerSocket server;
    private final SSLContext tls;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private TlsNextHop(Path dir, String certificate) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(certificate + ".p12"))) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::accept, "tls-next-hop");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A next hop serving one of the certificates {@link #createCertificates} made in {@code dir}. */
    static TlsNextHop start(Path dir, String certificate) {
        try {
            return new TlsNextHop(dir, certificate);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start a TLS next hop", e);
        }
    }

    /** The next hop as a route names it. */
    String nextHop() {
        return "[127.0.0.1]:" + server.getLocalPort();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    /** Makes both certificates in {@code dir} and returns the PEM file holding them, for the server to trust. */
    static Path createCertificates(Path dir) {
        try {
            Files.createDirectories(dir);
            keytool(dir, WRONG_NAME, "dns:mx.elsewhere.test");
            keytool(dir, LOOPBACK, "ip:127.0.0.1");
            Path pem = dir.resolve("trusted.pem");
            StringBuilder text = new StringBuilder();
            for (String name : List.of(WRONG_NAME, LOOPBACK)) {
                text.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate(dir, name).getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
            Files.writeString(pem, text);
            return pem;
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the next hops' certificates", e);
        }
    }

    /** The SHA-256 fingerprint of one of the certificates, as a {@code fingerprint} policy names it. */
    static String fingerprint(Path dir, String name) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate(dir, name).getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(Path dir, String name) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            keys.load(in, PASSWORD.toCharArray());
        }
        return (X509Certificate) keys.getCertificate("next-hop");
    }

    private static void keytool(Path dir, String name, String alternativeName) throws Exception {
        Path store = dir.resolve(name + ".p12");
        if (Files.exists(store)) {
            return;
        }
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "next-hop", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=next-hop",
                "-ext", "san=" + alternativeName, "-validity", "30", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread talk = new Thread(() -> talk(socket), "tls-next-hop-connection");
                talk.setDaemon(true);
                talk.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Greeting, EHLO with STARTTLS, the handshake, then mail transactions until QUIT. */
    private void talk(Socket plain) {
        try (plain) {
            plain.setSoTimeout(60_000);
            InputStream in = new BufferedInputStream(plain.getInputStream());
            OutputStream out = plain.getOutputStream();
            send(out, "220 next-hop.test ESMTP");
            Socket socket = plain;
            while (true) {
                String command = readLine(in);
                if (command == null) {
                    return;
                }
                String verb = command.split(" ", 2)[0].toUpperCase();
                switch (verb) {
                    case "EHLO" -> send(out, "250-next-hop.test", socket == plain ? "250 STARTTLS" : "250 8BITMIME");
                    case "STARTTLS" -> {
                        send(out, "220 2.0.0 Ready to start TLS");
                        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
                        secure.setUseClientMode(false);
                        secure.startHandshake();
                        socket = secure;
                        in = new BufferedInputStream(secure.getInputStream());
                        out = secure.getOutputStream();
                    }
                    case "DATA" -> {
                        send(out, "354 go ahead");
                        messages.add(readData(in));
                        send(out, "250 2.0.0 Ok: queued");
                    }
                    case "QUIT" -> {
                        send(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> send(out, "250 2.0.0 Ok");
                }
            }
        } catch (IOException e) {
            // a client that refused the certificate, or went away
        }
    }

    private static void send(OutputStream out, String... lines) throws IOException {
        out.write((String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readData(InputStream in) throws IOException {
        StringBuilder message = new StringBuilder();
        String line;
        while ((line = readLine(in)) != null && !line.equals(".")) {
            message.append(line).append('\n');
        }
        return message.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return null;
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8).replaceFirst("\r$", "");
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
