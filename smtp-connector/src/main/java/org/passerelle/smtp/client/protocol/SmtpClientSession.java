package org.passerelle.smtp.client.protocol;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import javax.net.ssl.SSLSocket;

import org.passerelle.smtp.client.DeliveryResult;
import org.passerelle.smtp.client.MailTransaction;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.Recipient;
import org.passerelle.smtp.client.RecipientResult;
import org.passerelle.smtp.client.SmtpReply;
import org.passerelle.smtp.client.TlsPolicy;

/**
 * One SMTP client connection to a next hop, greeted and ready for mail transactions: EHLO (HELO
 * when refused), STARTTLS when offered or required, then any number of transactions, each
 * followed by RSET, and QUIT. MAIL and every RCPT go in one write when the next hop offers
 * PIPELINING (RFC 2920), their replies read in order.
 * Not for concurrent use: the pool hands a session to one caller at a time.
 */
public final class SmtpClientSession {

    /** RFC 5321 §4.5.3.2.6: the next hop may take this long to take the message. */
    private static final Duration DATA_END_TIMEOUT = Duration.ofMinutes(10);
    /** QUIT is a courtesy; a next hop slow to answer it is not waited for long. */
    private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(20);
    private static final long NOT_WRITING = Long.MIN_VALUE;

    private final NextHop hop;
    private final SessionSettings settings;
    private final Socket tcp;
    private Socket socket;
    private ReplyReader replies;
    private OutputStream out;
    private volatile long writeStartedNanos = NOT_WRITING;
    private ServerExtensions extensions = ServerExtensions.NONE;
    private String tlsProtocol;
    /** The TLS policy the connection was opened under: what it has checked of the next hop. */
    private TlsPolicy policy = TlsPolicy.NONE;
    private int transactions;
    private boolean usable = true;
    /** The 421 the next hop said before it closes the connection. */
    private SmtpReply closing;
    /** Whether the next hop has answered anything of the current transaction. */
    private boolean answered;

    private SmtpClientSession(NextHop hop, SessionSettings settings, Socket tcp) throws IOException {
        this.hop = hop;
        this.settings = settings;
        this.tcp = tcp;
        attach(tcp);
    }

    /**
     * Connects, greets and, as the policy says, starts TLS. Under {@code may} a failed TLS handshake
     * is followed by one plain-text connection, as the TLS one is unusable; from {@code encrypt} on
     * (a certificate that {@code verify} or {@code fingerprint} refuses included) it ends the attempt.
     *
     * @throws IOException             when the next hop cannot be reached or breaks the protocol
     * @throws SessionRefusedException when it refuses the session or cannot give the TLS required
     */
    public static SmtpClientSession open(NextHop hop, SessionSettings settings, TlsPolicy policy)
            throws IOException, SessionRefusedException {
        try {
            return open(hop, settings, policy, true);
        } catch (TlsFailure e) {
            if (policy.requiresTls()) {
                throw new SessionRefusedException(ClientReplies.tlsFailed(hop, policy, e.handshake));
            }
            return open(hop, settings, policy, false);
        }
    }

    private static SmtpClientSession open(NextHop hop, SessionSettings settings, TlsPolicy policy, boolean tryTls)
            throws IOException, SessionRefusedException {
        Socket tcp = new Socket();
        try {
            tcp.connect(new InetSocketAddress(hop.host(), hop.port()), millis(settings.connectTimeout()));
        } catch (IOException e) {
            tcp.close();
            throw e;
        }
        SmtpClientSession session = new SmtpClientSession(hop, settings, tcp);
        try {
            expectPositive(session.read());
            session.greet();
            if (tryTls && policy.triesTls() && session.extensions.offers("STARTTLS")) {
                session.startTls(policy);
            } else if (policy.requiresTls()) {
                throw new SessionRefusedException(ClientReplies.tlsNotOffered(hop, policy));
            }
            return session;
        } catch (SessionRefusedException e) {
            session.quit();
            throw e;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private void greet() throws IOException, SessionRefusedException {
        SmtpReply ehlo = command("EHLO " + settings.heloName());
        if (ehlo.positive()) {
            extensions = ServerExtensions.of(ehlo);
            return;
        }
        if (ehlo.temporary()) {
            throw new SessionRefusedException(ehlo);
        }
        extensions = ServerExtensions.NONE;
        expectPositive(command("HELO " + settings.heloName()));
    }

    private void startTls(TlsPolicy policy) throws IOException, SessionRefusedException {
        SmtpReply go = command("STARTTLS");
        if (go.code() != 220) {
            if (policy.requiresTls()) {
                throw new SessionRefusedException(ClientReplies.tlsRefused(hop, policy, go));
            }
            return; // RFC 3207 §4.1: the session goes on in plain text
        }
        // Bytes that came with the 220 were sent before TLS by whoever sits in between: trust none of them.
        if (replies.hasUnreadInput()) {
            throw new ProtocolException("the next hop sent more than its reply to STARTTLS");
        }
        SSLSocket tls;
        try {
            tls = TlsUpgrade.over(tcp, hop, policy, settings.authorities());
        } catch (IOException e) {
            throw new TlsFailure(e);
        }
        attach(tls);
        tlsProtocol = tls.getSession().getProtocol();
        this.policy = policy;
        greet(); // RFC 3207 §4.2: what was learnt before TLS is forgotten
    }

    private void attach(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(millis(settings.commandTimeout()));
        replies = new ReplyReader(new BufferedInputStream(connected.getInputStream()));
        out = new BufferedOutputStream(new WatchedOutputStream(connected.getOutputStream()), 16 * 1024);
    }

    /**
     * Runs one mail transaction. Each recipient gets its RCPT refusal or the reply to the end of
     * data; if the connection fails after the next hop answered, the others get a temporary reply.
     *
     * @throws StaleSessionException when it fails before any answer: nothing was taken, the
     *                               content was not read, and the session is done for
     */
    public DeliveryResult send(MailTransaction transaction) throws StaleSessionException {
        if (!usable) {
            throw new IllegalStateException("the connection to " + hop + " is no longer usable");
        }
        transactions++;
        SmtpReply unfit = unfit(transaction);
        if (unfit != null) {
            return DeliveryResult.sameForAll(transaction, unfit);
        }
        List<Recipient> recipients = transaction.recipients();
        SmtpReply[] decided = new SmtpReply[recipients.size()];
        answered = false;
        try {
            List<SmtpReply> envelope = envelope(transaction);
            SmtpReply mail = envelope.get(0);
            if (!mail.positive()) {
                return result(recipients, fill(decided, mail));
            }
            List<Integer> accepted = new ArrayList<>();
            for (int i = 0; i < recipients.size(); i++) {
                SmtpReply rcpt = envelope.get(i + 1);
                if (rcpt.positive()) {
                    accepted.add(i);
                } else {
                    decided[i] = rcpt;
                }
            }
            if (closing != null) {
                return result(recipients, fill(decided, closing));
            }
            if (!accepted.isEmpty()) {
                SmtpReply end = data(transaction.content());
                accepted.forEach(i -> decided[i] = end);
            }
        } catch (RuntimeException e) {
            close(); // failed halfway through, perhaps inside DATA: never to be reused
            throw e;
        } catch (IOException e) {
            usable = false;
            if (!answered) {
                throw new StaleSessionException(e);
            }
            fill(decided, closing != null ? closing : ClientReplies.connectionLost(hop, e));
        }
        return result(recipients, decided);
    }

    /**
     * Sends MAIL and the RCPTs, all in one write when the next hop offers PIPELINING, else one at
     * a time and no RCPT after a refused MAIL. Returns the MAIL reply, then those of the RCPTs sent.
     */
    private List<SmtpReply> envelope(MailTransaction transaction) throws IOException {
        List<Recipient> recipients = transaction.recipients();
        List<SmtpReply> replies = new ArrayList<>();
        if (extensions.offers("PIPELINING")) {
            write(MailCommands.mailFrom(transaction, extensions));
            for (Recipient recipient : recipients) {
                write(MailCommands.rcptTo(recipient, extensions));
            }
            out.flush();
            for (int i = 0; i <= recipients.size(); i++) {
                replies.add(read());
            }
        } else {
            replies.add(command(MailCommands.mailFrom(transaction, extensions)));
            for (int i = 0; i < recipients.size() && replies.get(0).positive(); i++) {
                replies.add(command(MailCommands.rcptTo(recipients.get(i), extensions)));
            }
        }
        return replies;
    }

    /** A reply that refuses the transaction before anything is sent, or {@code null} if this next hop can take it. */
    private SmtpReply unfit(MailTransaction transaction) {
        long limit = extensions.sizeLimit();
        if (limit > 0 && transaction.size() > limit) {
            return ClientReplies.tooBig(hop, transaction.size(), limit);
        }
        if (transaction.needsSmtpUtf8() && !extensions.offers("SMTPUTF8")) {
            return ClientReplies.smtpUtf8NotOffered(hop);
        }
        return null;
    }

    private SmtpReply data(InputStream content) throws IOException {
        SmtpReply go = command("DATA");
        if (go.code() != 354) {
            return go;
        }
        // A content failure throws before the final dot: the next hop then keeps nothing.
        DotStuffingOutputStream data = new DotStuffingOutputStream(out);
        content.transferTo(new LineFoldingOutputStream(data));
        data.finish();
        socket.setSoTimeout(millis(DATA_END_TIMEOUT));
        try {
            return read();
        } finally {
            socket.setSoTimeout(millis(settings.commandTimeout()));
        }
    }

    /** RSET after a transaction, so the next one starts clean; {@code false} if the session is no longer usable. */
    public boolean reset() {
        if (usable) {
            try {
                usable = command("RSET").code() == 250;
            } catch (IOException e) {
                usable = false;
            }
        }
        return usable;
    }

    /** QUIT and close; a next hop that does not answer changes nothing. */
    public void quit() {
        try {
            if (usable) {
                socket.setSoTimeout(millis(QUIT_TIMEOUT));
                command("QUIT");
            }
        } catch (IOException e) {
            usable = false;
        } finally {
            close();
        }
    }

    /** Closes without a word, as for a broken connection. */
    public void close() {
        usable = false;
        try {
            socket.close();
            tcp.close();
        } catch (IOException e) {
            // nothing more can be done with a socket that fails to close
        }
    }

    /**
     * Closes the connection if a write has waited longer than the command timeout: a blocking
     * socket write has no timeout of its own, and a next hop that stops reading would hold the
     * caller forever. Called from another thread; closing the TCP socket wakes the writer.
     */
    public void abortIfStalled(long nowNanos) {
        long started = writeStartedNanos;
        if (started != NOT_WRITING && nowNanos - started > settings.commandTimeout().toNanos()) {
            try {
                tcp.close();
            } catch (IOException e) {
                // the writer fails either way
            }
        }
    }

    public NextHop hop() {
        return hop;
    }

    public boolean usable() {
        return usable;
    }

    public boolean tls() {
        return tlsProtocol != null;
    }

    /**
     * Whether a delivery under the policy may use this connection: any will do where TLS is not
     * required, a TLS one under {@code encrypt}, and only one whose certificate was checked the
     * same way under {@code verify} and {@code fingerprint}.
     */
    public boolean satisfies(TlsPolicy wanted) {
        if (!wanted.requiresTls()) {
            return true;
        }
        return tls() && (!wanted.authenticates() || wanted.equals(policy));
    }

    /** How many transactions this connection has carried. */
    public int transactions() {
        return transactions;
    }

    private SmtpReply command(String line) throws IOException {
        write(line);
        out.flush();
        return read();
    }

    private void write(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private SmtpReply read() throws IOException {
        SmtpReply reply = replies.read();
        answered = true;
        if (reply.code() == 421) {
            usable = false; // RFC 5321 §3.8: the next hop is closing the connection
            closing = reply;
        }
        return reply;
    }

    private DeliveryResult result(List<Recipient> recipients, SmtpReply[] decided) {
        return new DeliveryResult(IntStream.range(0, recipients.size())
                .mapToObj(i -> new RecipientResult(recipients.get(i), decided[i]))
                .toList(), tlsProtocol);
    }

    private static SmtpReply[] fill(SmtpReply[] decided, SmtpReply reply) {
        for (int i = 0; i < decided.length; i++) {
            if (decided[i] == null) {
                decided[i] = reply;
            }
        }
        return decided;
    }

    private static void expectPositive(SmtpReply reply) throws SessionRefusedException {
        if (!reply.positive()) {
            throw new SessionRefusedException(reply);
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    /** Records when a write starts and ends, for {@link #abortIfStalled(long)}. */
    private final class WatchedOutputStream extends FilterOutputStream {

        WatchedOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            writeStartedNanos = System.nanoTime();
            try {
                out.write(bytes, offset, length);
            } finally {
                writeStartedNanos = NOT_WRITING;
            }
        }
    }

    /** The TLS handshake failed; the connection is unusable. */
    private static final class TlsFailure extends IOException {

        private static final long serialVersionUID = 1L;

        private final IOException handshake;

        TlsFailure(IOException handshake) {
            super(handshake);
            this.handshake = handshake;
        }
    }
}
