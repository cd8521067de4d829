package org.passerelle.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

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
    void aHeaderSectionThatNeverEndsIsNotRead() {
        assertTrue(HeaderFields.parse("From: a@b.test\r\nno blank line".getBytes(StandardCharsets.US_ASCII)).isEmpty());
    }
}
