package org.passerelle.delivery;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands one message to a next hop over plain SMTP: EHLO (HELO as fallback), MAIL, one RCPT per
 * recipient, DATA, QUIT. Each recipient gets the reply that decided its fate: its RCPT refusal,
 * or the reply to the end of data; when the connection fails, a made-up 4xx so that it is retried.
 */
public final class SmtpRelayClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REPLY_TIMEOUT = Duration.ofMinutes(5);
    private static final int MAX_REPLY_LINE = 4096;

    private final String heloName;

    public SmtpRelayClient(String heloName) {
        this.heloName = heloName;
    }

    public DeliveryOutcome deliver(NextHop hop, String sender, List<String> recipients, InputStream content) {
        Map<String, SmtpReply> replies = new LinkedHashMap<>();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hop.host(), hop.port()), (int) CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) REPLY_TIMEOUT.toMillis());
            Conversation smtp = new Conversation(socket);
            transaction(smtp, sender, recipients, content, replies);
            smtp.quit();
        } catch (IOException e) {
            SmtpReply failure = SmtpReply.connectionFailure(hop, e.toString());
            recipients.forEach(r -> replies.putIfAbsent(r, failure));
        }
        return new DeliveryOutcome(replies);
    }

    private void transaction(Conversation smtp, String sender, List<String> recipients, InputStream content,
                             Map<String, SmtpReply> replies) throws IOException {
        SmtpReply step = smtp.read();
        if (step.positive()) {
            step = smtp.command("EHLO " + heloName);
            if (!step.positive()) {
                step = smtp.command("HELO " + heloName);
            }
        }
        if (step.positive()) {
            step = smtp.command("MAIL FROM:<" + sender + ">");
        }
        if (!step.positive()) {
            for (String recipient : recipients) {
                replies.put(recipient, step);
            }
            return;
        }
        List<String> accepted = new ArrayList<>();
        for (String recipient : recipients) {
            SmtpReply reply = smtp.command("RCPT TO:<" + recipient + ">");
            if (reply.positive()) {
                accepted.add(recipient);
            } else {
                replies.put(recipient, reply);
            }
        }
        if (accepted.isEmpty()) {
            return;
        }
        SmtpReply end = smtp.data(content);
        accepted.forEach(recipient -> replies.put(recipient, end));
    }

    /** One SMTP client conversation over a connected socket. */
    private static final class Conversation {

        private final InputStream in;
        private final OutputStream out;

        Conversation(Socket socket) throws IOException {
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream());
        }

        SmtpReply command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read();
        }

        SmtpReply data(InputStream content) throws IOException {
            SmtpReply go = command("DATA");
            if (go.code() != 354) {
                return go;
            }
            DotStuffingOutputStream data = new DotStuffingOutputStream(out);
            content.transferTo(data);
            data.finish();
            return read();
        }

        void quit() {
            try {
                command("QUIT");
            } catch (IOException e) {
                // the message is already handed over; a lost QUIT changes nothing
            }
        }

        /** Reads a possibly multi-line reply (RFC 5321 §4.2.1). */
        SmtpReply read() throws IOException {
            StringBuilder text = new StringBuilder();
            while (true) {
                String line = readLine();
                if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
                    throw new IOException("malformed reply: " + line);
                }
                if (text.length() > 0) {
                    text.append(' ');
                }
                text.append(line.length() > 4 ? line.substring(4) : "");
                if (line.length() == 3 || line.charAt(3) != '-') {
                    return new SmtpReply(Integer.parseInt(line.substring(0, 3)), text.toString());
                }
            }
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b == -1) {
                    throw new IOException("connection closed by the next hop");
                }
                if (b != '\r' && line.length() < MAX_REPLY_LINE) {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }
}
