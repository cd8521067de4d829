package org.passerelle.content.spam;

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
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.passerelle.content.ScannerFailure;
import org.passerelle.smtp.MessageContent;

/**
 * A client of SpamAssassin's spamd over the SPAMC/SPAMD 1.5 protocol (SpamAssassin's
 * {@code spamd/PROTOCOL}): one {@code SYMBOLS} request per connection, as spamd closes it after each
 * answer, so there is nothing to pool. The answer gives the score and the rules that fired; the
 * message is not rewritten by spamd (we tag it ourselves, see {@link SpamRules}).
 */
public final class SpamdClient {

    private static final Pattern STATUS = Pattern.compile("SPAMD/\\d+\\.\\d+ (\\d+) (.*)");
    private static final Pattern SPAM = Pattern.compile("(?i)spam:\\s*(true|false|yes|no)\\s*;\\s*(-?[0-9.]+)\\s*/\\s*(-?[0-9.]+)\\s*");
    private static final int ANSWER_LIMIT = 64 * 1024;

    private final InetSocketAddress address;
    private final Duration timeout;

    public SpamdClient(InetSocketAddress address, Duration timeout) {
        this.address = address;
        this.timeout = timeout;
    }

    /** Whether spamd answers {@code PING} with {@code PONG}. */
    public boolean ping() {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("PING SPAMC/1.5\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            return new String(readAll(socket.getInputStream()), StandardCharsets.US_ASCII).contains("PONG");
        } catch (IOException | ScannerFailure e) {
            return false;
        }
    }

    /** Scores the message. */
    public SpamReport check(MessageContent content) throws ScannerFailure {
        try (Socket socket = connect()) {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            out.write(("SYMBOLS SPAMC/1.5\r\nContent-length: " + content.size() + "\r\nUser: passerelle\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try (InputStream message = content.openStream()) {
                message.transferTo(out);
            }
            out.flush();
            socket.shutdownOutput();
            return parse(readAll(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            throw new ScannerFailure("spamd at " + address + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new ScannerFailure("spamd at " + address + " is unavailable: " + e.getMessage(), e);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout((int) timeout.toMillis());
        // the request goes in as few segments as it can, none held back by Nagle's algorithm
        socket.setTcpNoDelay(true);
        socket.connect(address, (int) Math.min(timeout.toMillis(), 5_000));
        return socket;
    }

    private static byte[] readAll(InputStream in) throws IOException, ScannerFailure {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        InputStream buffered = new BufferedInputStream(in);
        for (int n; (n = buffered.read(buffer)) > 0; ) {
            answer.write(buffer, 0, n);
            if (answer.size() > ANSWER_LIMIT) {
                throw new ScannerFailure("spamd's answer is longer than " + ANSWER_LIMIT + " bytes");
            }
        }
        return answer.toByteArray();
    }

    /** The answer to {@code SYMBOLS}: status line, headers, blank line, the rules separated by commas. */
    static SpamReport parse(byte[] answer) throws ScannerFailure {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new ScannerFailure("spamd answered something that is not SPAMD/1.x: " + printable(text));
        }
        String[] head = text.substring(0, end).split("\r\n");
        Matcher status = STATUS.matcher(head[0]);
        if (!status.matches()) {
            throw new ScannerFailure("spamd answered something that is not SPAMD/1.x: " + printable(head[0]));
        }
        if (!"0".equals(status.group(1))) {
            throw new ScannerFailure("spamd refused the request: " + printable(head[0]));
        }
        Matcher spam = Arrays.stream(head).skip(1).map(SPAM::matcher).filter(Matcher::matches).findFirst()
                .orElseThrow(() -> new ScannerFailure("spamd's answer has no Spam header: " + printable(text.substring(0, end))));
        List<String> rules = Arrays.stream(text.substring(end + 4).trim().split("\\s*,\\s*")).filter(r -> !r.isEmpty()).toList();
        try {
            return new SpamReport(Double.parseDouble(spam.group(2)), Double.parseDouble(spam.group(3)), rules);
        } catch (NumberFormatException e) {
            throw new ScannerFailure("spamd's score is not a number: " + printable(spam.group()), e);
        }
    }
}
