package org.passerelle.content.virus;

import static org.passerelle.content.ScannerFailure.printable;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.passerelle.content.ScannerFailure;
import org.passerelle.smtp.MessageContent;

/**
 * A client of ClamAV's clamd: the message is streamed with {@code INSTREAM} (chunks of a 4-byte
 * length and the bytes, a zero length to end) over connections kept open with {@code IDSESSION}, so
 * that a scan costs no TCP handshake and no clamd thread start. Idle sessions are kept up to a number
 * and for less than clamd's own idle timeout (30 s by default); a kept session that turns out closed
 * is replaced once by a new connection. A reply that is not clamd's protocol is a failure, never
 * "clean".
 */
public final class ClamdClient implements AutoCloseable {

    private static final Pattern REPLY = Pattern.compile("(\\d+): stream: (.*) (FOUND|ERROR)|(\\d+): stream: OK");
    private static final int CHUNK = 64 * 1024;
    /** Below clamd's default IdleTimeout (30 s), so that a kept session is still open when used. */
    private static final Duration SESSION_IDLE_LIMIT = Duration.ofSeconds(20);
    private static final int REPLY_LIMIT = 4096;

    private final InetSocketAddress address;
    private final Duration timeout;
    private final int keptSessions;
    private final Deque<Session> idle = new ConcurrentLinkedDeque<>();

    public ClamdClient(InetSocketAddress address, Duration timeout, int keptSessions) {
        this.address = address;
        this.timeout = timeout;
        this.keptSessions = keptSessions;
    }

    /** Scans the message; infected or clean, never silently skipped. */
    public VirusScan scan(MessageContent content) throws ScannerFailure {
        Session kept = takeIdle();
        if (kept != null) {
            try {
                return finish(kept, kept.scan(content));
            } catch (SocketTimeoutException e) {
                kept.close();
                throw new ScannerFailure("clamd at " + address + " did not answer within " + timeout.toSeconds() + " s", e);
            } catch (IOException e) {
                // clamd may have closed it (idle timeout, restart): one new connection decides
                kept.close();
            } catch (ScannerFailure e) {
                kept.close();
                throw e;
            }
        }
        Session fresh;
        try {
            fresh = new Session(address, timeout);
        } catch (IOException e) {
            throw new ScannerFailure("clamd at " + address + " is unavailable: " + e.getMessage(), e);
        }
        try {
            return finish(fresh, fresh.scan(content));
        } catch (SocketTimeoutException e) {
            fresh.close();
            throw new ScannerFailure("clamd at " + address + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            fresh.close();
            throw new ScannerFailure("clamd at " + address + " is unavailable: " + e.getMessage(), e);
        } catch (ScannerFailure e) {
            fresh.close();
            throw e;
        }
    }

    /** Whether clamd answers {@code PING} with {@code PONG}, on a connection of its own. */
    public boolean ping() {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout((int) Math.min(timeout.toMillis(), 5_000));
            socket.connect(address, (int) Math.min(timeout.toMillis(), 5_000));
            socket.getOutputStream().write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readNBytes(REPLY_LIMIT), StandardCharsets.US_ASCII).startsWith("PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private VirusScan finish(Session session, VirusScan scan) {
        if (idle.size() < keptSessions) {
            idle.push(session);
        } else {
            session.close();
        }
        return scan;
    }

    private Session takeIdle() {
        for (Session session; (session = idle.poll()) != null; ) {
            if (session.lastUsed.plus(SESSION_IDLE_LIMIT).isAfter(Instant.now())) {
                return session;
            }
            session.close();
        }
        return null;
    }

    /** Closes the kept sessions. */
    @Override
    public void close() {
        for (Session session; (session = idle.poll()) != null; ) {
            session.close();
        }
    }

    /** The reply to one INSTREAM of a session: {@code <id>: stream: OK}, {@code ... <name> FOUND}, {@code ... ERROR}. */
    static VirusScan parse(String reply) throws ScannerFailure {
        Matcher matcher = REPLY.matcher(reply);
        if (!matcher.matches()) {
            throw new ScannerFailure("clamd answered something that is not its protocol: " + printable(reply));
        }
        if (matcher.group(4) != null) {
            return VirusScan.CLEAN;
        }
        if ("ERROR".equals(matcher.group(3))) {
            throw new ScannerFailure("clamd could not scan the message: " + printable(matcher.group(2)));
        }
        return new VirusScan(matcher.group(2));
    }

    /** One connection in IDSESSION mode, used by one scan at a time. */
    private static final class Session {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private Instant lastUsed = Instant.now();

        Session(InetSocketAddress address, Duration timeout) throws IOException {
            socket = new Socket();
            try {
                socket.setSoTimeout((int) timeout.toMillis());
                // a scan is a few writes and one flush: without it, Nagle's algorithm and clamd's
                // delayed acknowledgement held each scan back about 40 ms (benchmark.sh content)
                socket.setTcpNoDelay(true);
                socket.connect(address, (int) Math.min(timeout.toMillis(), 5_000));
                out = new BufferedOutputStream(socket.getOutputStream(), CHUNK + 64);
                in = new BufferedInputStream(socket.getInputStream());
                out.write("zIDSESSION\0".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        VirusScan scan(MessageContent content) throws IOException, ScannerFailure {
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[CHUNK + 4];
            try (InputStream message = content.openStream()) {
                for (int n; (n = message.readNBytes(chunk, 4, CHUNK)) > 0; ) {
                    chunk[0] = (byte) (n >>> 24);
                    chunk[1] = (byte) (n >>> 16);
                    chunk[2] = (byte) (n >>> 8);
                    chunk[3] = (byte) n;
                    out.write(chunk, 0, n + 4);
                }
            }
            out.write(new byte[4]);
            out.flush();
            VirusScan scan = parse(readReply());
            lastUsed = Instant.now();
            return scan;
        }

        /** Up to the NUL that ends a reply in the {@code z} form of the commands. */
        private String readReply() throws IOException, ScannerFailure {
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            for (int b; (b = in.read()) != 0; ) {
                if (b < 0) {
                    throw new IOException("clamd closed the connection");
                }
                reply.write(b);
                if (reply.size() > REPLY_LIMIT) {
                    throw new ScannerFailure("clamd's reply is longer than " + REPLY_LIMIT + " bytes");
                }
            }
            return reply.toString(StandardCharsets.ISO_8859_1);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a connection we no longer use: nothing to do about it
            }
        }
    }
}
