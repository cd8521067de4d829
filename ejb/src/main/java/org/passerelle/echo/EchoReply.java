package org.passerelle.echo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.RawField;
import org.passerelle.smtp.MailAddress;
import org.passerelle.tracking.SessionVerdict;

/**
 * The echo's reply (RFC 3834): from the echo address to the envelope sender, {@code Auto-Submitted:
 * auto-replied}, {@code In-Reply-To} and {@code References} naming the original, its subject
 * {@code Echo: } and the original's; a plain-text body of the facts, then the original header section.
 */
public final class EchoReply {

    private EchoReply() {
    }

    static String body(EchoFacts facts, OriginalHeader header, String hostname) {
        StringBuilder body = new StringBuilder()
                .append("This is the echo address of the mail gateway ").append(hostname).append(".\n")
                .append("Your message was accepted with queue id ").append(facts.queueId())
                .append("; here is what the gateway saw of it. Its other recipients, if any, get it as usual.\n\n")
                .append(line("Queue id", facts.queueId().value()))
                .append(line("Received at", facts.receivedAt().toString()))
                .append(line("Answered at", facts.answeredAt() + " ("
                        + Duration.between(facts.receivedAt(), facts.answeredAt()).toMillis() + " ms later)"))
                .append(line("Listener", facts.listener()))
                .append(line("Client address", "[" + facts.clientAddress() + "]"))
                .append(line("Client name", facts.heloName() == null ? "unknown (no HELO, no reverse DNS lookup)"
                        : facts.heloName() + " (from its HELO; the gateway does no reverse DNS lookup)"))
                .append(line("HELO", facts.heloName() == null ? "none" : facts.heloName()))
                .append(line("TLS", facts.tls() == null ? "none (plain text)" : facts.tls().toString()))
                .append(line("Login", facts.login() == null ? "none" : facts.login()))
                .append(line("Application", facts.application() == null ? "none" : facts.application()))
                .append(line("Envelope sender", "<" + facts.sender() + ">"))
                .append(line("Recipients", facts.recipients().stream().map(r -> "<" + r + ">").collect(Collectors.joining(", "))))
                .append("\nPolicy verdicts, stage by stage (stage, subject, reply, rule):\n");
        for (SessionVerdict verdict : facts.verdicts()) {
            body.append("  ").append(verdict.stage()).append("  ").append(verdict.subject()).append("  ")
                    .append(verdict.reply()).append("  ").append(verdict.rule()).append('\n');
        }
        body.append("\nHeader section as received")
                .append(header.truncated() ? " (its first " + OriginalHeader.LIMIT + " octets)" : "")
                .append(":\n\n")
                .append(header.text().replace("\r\n", "\n"));
        return body.toString();
    }

    /** The whole reply, ready for the spool. */
    public static byte[] message(EchoFacts facts, OriginalHeader header, MailAddress echo, String hostname) {
        Optional<String> messageId = header.field("Message-ID");
        String subject = header.field("Subject").map(s -> DecoderUtil.decodeEncodedWords(s, DecodeMonitor.SILENT)).orElse("");
        try {
            Message.Builder reply = Message.Builder.of()
                    .setFrom(new Mailbox("Passerelle echo", echo.localPart(), echo.domain()))
                    .setTo(new Mailbox(facts.sender().localPart(), facts.sender().domain()))
                    .setSubject("Echo: " + subject)
                    .setDate(Date.from(facts.answeredAt()), TimeZone.getTimeZone("UTC"))
                    .setMessageId("<echo-" + UUID.randomUUID() + "@" + hostname + ">")
                    // RFC 3834 §5: an automatic answer, which no one should answer automatically
                    .setField(new RawField("Auto-Submitted", "auto-replied"));
            if (messageId.isPresent()) {
                reply.setField(new RawField("In-Reply-To", messageId.get()));
                String references = header.field("References").map(r -> r + " ").orElse("") + messageId.get();
                reply.setField(new RawField("References", references));
            }
            Message built = reply.setBody(body(facts, header, hostname).replace("\n", "\r\n"), "plain", StandardCharsets.UTF_8)
                    .setContentTransferEncoding("quoted-printable")
                    .build();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new DefaultMessageWriter().writeMessage(built, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the echo reply to <" + facts.sender() + "> failed", e);
        }
    }

    private static String line(String name, String value) {
        return String.format("%-17s%s", name + ":", value) + "\n";
    }
}
