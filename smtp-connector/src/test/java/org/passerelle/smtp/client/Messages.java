package org.passerelle.smtp.client;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.passerelle.smtp.MailAddress;

/** Mail transactions for tests. */
public final class Messages {

    public static final String CONTENT = "Subject: test\r\n\r\nHello.\r\n";

    private Messages() {
    }

    public static MailTransaction transaction(String sender, String... recipients) {
        return carrying(CONTENT, sender, recipients);
    }

    public static MailTransaction carrying(String content, String sender, String... recipients) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return MailTransaction.of(sender.isEmpty() ? null : MailAddress.parse(sender),
                Arrays.stream(recipients).map(MailAddress::parse).map(Recipient::of).toList(),
                new ByteArrayInputStream(bytes), bytes.length);
    }

    /** The reply each recipient got, as {@code code text}, in envelope order. */
    public static String[] replies(DeliveryResult result) {
        return result.recipients().stream().map(r -> r.reply().toString()).toArray(String[]::new);
    }
}
