package org.passerelle.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MessageContent;

class HeaderFieldsTest {

    private static HeaderFields parse(String message) {
        return HeaderFields.parse(message.getBytes(StandardCharsets.ISO_8859_1)).orElseThrow();
    }

    @Test
    void fieldsKeepTheirFoldingAndTheBodyStartsAfterTheBlankLine() {
        String message = "From: a@b.test\r\nSubject: one\r\n two\r\nTo: c@d.test\r\n\r\nbody\r\n";
        HeaderFields fields = parse(message);
        assertEquals(List.of("From: a@b.test", "Subject: one\r\n two", "To: c@d.test"), fields.getFields());
        assertEquals(List.of("Subject: one\r\n two"), fields.getFields("SUBJECT"));
        assertEquals("body\r\n", message.substring((int) fields.bodyOffset()));
    }

    @Test
    void theFromDomainIsTheFirstAddressInAnyForm() {
        assertEquals(Optional.of("apps.managed.test"), parse("From: \"Billing, Inc\" <Billing@Apps.Managed.TEST>\r\n\r\n").fromDomain());
        assertEquals(Optional.of("corp.test"), parse("from: billing@corp.test (the billing run)\r\n\r\n").fromDomain());
        assertEquals(Optional.of("corp.test"), parse("From: Billing\r\n <billing@corp.test>\r\n\r\n").fromDomain());
        assertEquals(Optional.empty(), parse("Subject: no from\r\n\r\n").fromDomain());
        assertEquals(Optional.empty(), parse("From: undisclosed\r\n\r\n").fromDomain());
    }

    @Test
    void aMessageIsReadAsFarAsTheEndOfItsHeaderSectionEvenWhenItIsLongerThanAChunk() throws IOException {
        String header = "From: a@b.test\r\nX-Long: " + "x".repeat(20_000) + "\r\n\r\n";
        String message = header + "body\r\n".repeat(100_000);
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        int[] read = {0};
        MessageContent content = new MessageContent() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream openStream() {
                return new ByteArrayInputStream(bytes) {
                    @Override
                    public synchronized int read(byte[] into, int offset, int length) {
                        int n = super.read(into, offset, length);
                        read[0] += Math.max(n, 0);
                        return n;
                    }
                };
            }
        };
        HeaderFields fields = HeaderFields.of(content).orElseThrow();
        assertEquals(Optional.of("b.test"), fields.fromDomain());
        assertEquals(header.length(), fields.bodyOffset());
        assertTrue(read[0] < header.length() + 16 * 1024, "read " + read[0] + " octets of " + bytes.length);
    }

    @Test
    void aHeaderSectionThatNeverEndsIsNotRead() {
        assertTrue(HeaderFields.parse("From: a@b.test\r\nno blank line".getBytes(StandardCharsets.US_ASCII)).isEmpty());
    }
}
