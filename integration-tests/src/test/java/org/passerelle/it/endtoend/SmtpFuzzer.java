package org.passerelle.it.endtoend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * SMTP sessions of random but grammar-shaped input: commands right and wrong, pipelined in one
 * write, STARTTLS (with a handshake, with plain text injected behind it, or with none at all),
 * DATA and BDAT transactions, garbage lines, bare line feeds, NULs and over-long lines, sessions
 * that end with QUIT and sessions cut off anywhere.
 *
 * <p>Every reply is read, by a reader of its own, until the server closes: a session that sent an
 * end of data always ends with QUIT and waits for the close, so that each {@code queued as} the
 * server said is counted. Only sessions that never end a message are cut off, mid-line or
 * mid-content: whatever the server took from them must not be queued.
 */
final class SmtpFuzzer {

    private static final Pattern QUEUED = Pattern.compile("^250[ -].*queued as ([A-Za-z0-9]+)");
    private static final int TIMEOUT_MILLIS = 10_000;
    /** How long a session that said QUIT waits for the server to close. */
    private static final int CLOSE_WAIT_MILLIS = 5_000;

    private final int port;
    private final String marker;
    private final SSLContext anyCertificate = trustingAnything();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final AtomicInteger sessions = new AtomicInteger();
    final AtomicInteger greeted = new AtomicInteger();
    final AtomicInteger cutOff = new AtomicInteger();
    final AtomicInteger tls = new AtomicInteger();
    final AtomicInteger slow = new AtomicInteger();
    /** The steps of a few sessions the server did not close in time after QUIT, for the report. */
    final Set<String> slowShapes = ConcurrentHashMap.newKeySet();

    SmtpFuzzer(int port, String marker) {
        this.port = port;
        this.marker = marker;
    }

    /** The queue ids of every {@code 250 ... queued as} the server said. */
    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** One session, its shape drawn from the seed. */
    void session(long seed) throws IOException {
        Random random = new Random(seed);
        boolean cut = random.nextInt(100) < 30;
        // mostly the registered billing application, which may relay; some unregistered clients
        String from = random.nextInt(100) < 80 ? "127.0.0.1" : "127.0.2." + (1 + random.nextInt(20));
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            int n = sessions.incrementAndGet();
            if (n % 1000 == 0) {
                System.out.printf("fuzz: %d sessions, %d acknowledged, %d slow to close%n", n, acknowledged.size(), slow.get());
            }
            Socket talking = socket;
            InputStream in = socket.getInputStream();
            if (!readReply(in).startsWith("220")) {
                return;
            }
            greeted.incrementAndGet();
            if (random.nextInt(100) < 20) {
                talking = startTls(socket, in, random);
                if (talking == null) {
                    cutOff.incrementAndGet();
                    return;
                }
            }
            Reader reader = new Reader(talking.getInputStream());
            reader.start();
            OutputStream out = talking.getOutputStream();
            StringBuilder shape = new StringBuilder(cut ? "cut:" : "quit:");
            try {
                int steps = 1 + random.nextInt(10);
                for (int i = 0; i < steps; i++) {
                    int kind = random.nextInt(18);
                    shape.append(' ').append(kind);
                    out.write(step(kind, random, cut));
                    if (random.nextInt(3) == 0) {
                        out.flush();
                    }
                }
                if (cut) {
                    out.write(cutOffTail(random));
                    out.flush();
                    cutOff.incrementAndGet();
                    return;
                }
                // "*" first cancels an AUTH exchange that would take QUIT for a password (RFC 4954 §4)
                out.write(bytes("*\r\nQUIT\r\n"));
                out.flush();
            } catch (IOException closedByTheServer) {
                // the server may end the session first (errors, a broken TLS layer): its replies are still read
            }
            if (!reader.awaitClose()) {
                slow.incrementAndGet();
                if (slowShapes.size() < 10) {
                    slowShapes.add("seed " + seed + " " + shape);
                }
            }
        } finally {
            socket.close();
        }
    }

    /** EHLO, STARTTLS (perhaps with a command injected behind it) and the handshake; {@code null} if the session ends there. */
    private Socket startTls(Socket socket, InputStream in, Random random) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(line("EHLO fuzz-" + random.nextInt(1000) + ".corp.test"));
        out.flush();
        readReply(in);
        boolean inject = random.nextInt(4) == 0;
        out.write(inject ? bytes("STARTTLS\r\nMAIL FROM:<injected@billing.managed.test>\r\n") : line("STARTTLS"));
        out.flush();
        if (!readReply(in).startsWith("220")) {
            return socket;
        }
        switch (random.nextInt(10)) {
            case 0 -> {
                out.write(bytes("not a TLS record\r\n"));
                out.flush();
                return null;
            }
            case 1 -> {
                return null;
            }
            default -> {
                SSLSocket secure = (SSLSocket) anyCertificate.getSocketFactory().createSocket(socket, "127.0.0.1", port, true);
                secure.setUseClientMode(true);
                secure.startHandshake();
                tls.incrementAndGet();
                secure.getOutputStream().write(line("EHLO fuzz.corp.test"));
                return secure;
            }
        }
    }

    /**
     * One step of a session; a session that will be cut off never ends a message, and only such a
     * session sends STARTTLS mid-way: the server then waits for a handshake and rightly drops the
     * plain text that follows (no QUIT would reach it).
     */
    private byte[] step(int kind, Random random, boolean cut) {
        return switch (kind) {
            case 0 -> line((random.nextBoolean() ? "EHLO " : "HELO ") + heloName(random));
            case 1, 2 -> line("MAIL FROM:<" + sender(random) + ">" + mailParameters(random));
            case 3, 4 -> line("RCPT TO:<" + recipient(random) + ">");
            case 5, 6 -> cut ? line("DATA") : data(random);
            case 7 -> bdat(random, !cut && random.nextBoolean());
            case 8 -> line(pick(random, "RSET", "NOOP", "VRFY postmaster", "EXPN staff", "HELP", "rset", "NOOP extra words"));
            case 9, 16, 17 -> transaction(random, cut);
            // never a login that fails: failed logins are throttled per client, and would slow every later session
            case 10 -> line(pick(random, "AUTH", "AUTH CRAM-MD5", "AUTH X-UNKNOWN", "AUTH PLAIN AGZ1enoAZnV6eg== extra"));
            case 11 -> bytes(pick(random, "NOOP\n", "RSET\r", "MAIL FROM:<a@b>\n\rRCPT TO:<c@d>\r\n", "\r\n", " \r\n"));
            case 12 -> line("X".repeat(512 + random.nextInt(3000)));
            case 13 -> garbage(random);
            case 14 -> line(cut
                    ? pick(random, "DATA extra", "BDAT", "BDAT -1", "BDAT 99999999999999 LAST")
                    : pick(random, "MAIL FROM:", "RCPT TO:<>", "MAIL FROM:<@route:a@b.c>", "RCPT TO:<a@[127.0.0.1]>",
                            "MAIL FROM:<" + "a".repeat(400) + "@billing.managed.test>"));
            default -> line(cut ? "STARTTLS" : "NOOP"); // no handshake follows: the server sees plain text where TLS should be
        };
    }

    /** MAIL, RCPT and a message, pipelined in one go: the shape that most often gets queued. */
    private byte[] transaction(Random random, boolean cut) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(line("MAIL FROM:<" + marker + "-" + random.nextInt(1000) + "@billing.managed.test>"));
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            all.writeBytes(line("RCPT TO:<fuzz" + i + "@external.test>"));
        }
        all.writeBytes(cut ? line("DATA") : random.nextInt(4) == 0 ? bdat(random, true) : data(random));
        return all.toByteArray();
    }

    private byte[] data(Random random) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(line("DATA"));
        all.writeBytes(bytes(content(random)));
        all.writeBytes(bytes(".\r\n"));
        return all.toByteArray();
    }

    /**
     * {@code BDAT n} and exactly n octets, the last chunk of a message when {@code last}. Never a
     * chunk shorter than announced: what follows would fill it, and a message could end where the
     * session meant to break off.
     */
    private byte[] bdat(Random random, boolean last) {
        byte[] chunk = content(random).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(line("BDAT " + chunk.length + (last ? " LAST" : "")));
        all.writeBytes(chunk);
        return all.toByteArray();
    }

    /** A message: headers, then lines that look like an end of data without being one. */
    private String content(Random random) {
        StringBuilder text = new StringBuilder("Subject: fuzz " + marker + "\r\nFrom: <" + marker + "@billing.managed.test>\r\n\r\n");
        for (int i = 0, n = random.nextInt(8); i < n; i++) {
            text.append(pick(random, "plain line", ".leading dot", "..two dots", "line with bare LF\n.\n", "bare CR\r.\r",
                    "8-bit caf\u00e9", "x".repeat(random.nextInt(1200)), "")).append("\r\n");
        }
        return text.toString();
    }

    /** What a cut-off session sends last: half a command, half a message, half a chunk. */
    private byte[] cutOffTail(Random random) {
        return bytes(pick(random, "MAIL FROM:<half", "DATA\r\nSubject: cut\r\n\r\nhalf a mess", "BDAT 1000\r\nonly a little",
                "RCPT TO:<x@external.test>\r\nDATA\r\n", ""));
    }

    private byte[] garbage(Random random) {
        byte[] junk = new byte[1 + random.nextInt(200)];
        random.nextBytes(junk);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(junk);
        all.writeBytes(bytes("\r\n"));
        return all.toByteArray();
    }

    private String sender(Random random) {
        return pick(random, marker + "@billing.managed.test", "", "billing@managed.test", "nobody@external.test",
                "no-at-sign", "a@b@c", "\u00e9l\u00e8ve@billing.managed.test", marker + "@billing.managed.test> SIZE=1");
    }

    private static String recipient(Random random) {
        return pick(random, "fuzz@external.test", "alice@managed.test", "unknown-" + random.nextInt(99) + "@managed.test",
                "postmaster", "", "a@[127.0.0.1]", "a@[IPv6:::1]", "\"quoted local\"@external.test", "x@" + "d".repeat(300) + ".test");
    }

    private static String mailParameters(Random random) {
        return pick(random, "", "", " SIZE=" + random.nextInt(20_000_000), " BODY=8BITMIME", " SMTPUTF8", " RET=HDRS ENVID=fuzz",
                " BODY=BINARYMIME", " FOO=BAR", " SIZE=-1");
    }

    private static String heloName(Random random) {
        return pick(random, "fuzz.corp.test", "", "[127.0.0.1]", "name with spaces", "x".repeat(300), "\u00e9.test", "localhost");
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] line(String text) {
        return bytes(text + "\r\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A whole reply, read synchronously: before the session's own reader starts. */
    private static String readReply(InputStream in) throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = readLine(in);
            if (line == null) {
                return reply.toString();
            }
            reply.append(line).append('\n');
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8).replaceFirst("\r$", "");
    }

    /** Reads every reply of a session until the server closes it, noting the queue ids it acknowledged. */
    private final class Reader extends Thread {

        private final InputStream in;

        Reader(InputStream in) {
            super("fuzz-reader");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            try {
                String line;
                while ((line = readLine(in)) != null) {
                    Matcher queued = QUEUED.matcher(line);
                    if (queued.find()) {
                        acknowledged.add(queued.group(1));
                    }
                }
            } catch (IOException e) {
                // closed or reset: every reply before it was read
            }
        }

        /** Whether the server closed the session in time. */
        boolean awaitClose() {
            try {
                join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !isAlive();
        }
    }

    private static SSLContext trustingAnything() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // a fuzzer: the server's identity is not what is tested
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
