package org.passerelle.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class HeaderScannerTest {

    private static Optional<String> find(String message, String field) throws Exception {
        return HeaderScanner.find(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), field);
    }

    @Test
    void findsAFieldWhateverItsCase() throws Exception {
        assertEquals("<a1@example.test>", find("Subject: hi\r\nmessage-id:  <a1@example.test>\r\n\r\nbody\r\n", "Message-ID").orElseThrow());
    }

    @Test
    void unfoldsAFoldedField() throws Exception {
        assertEquals("<long@example.test> x", find("Message-ID:\r\n <long@example.test>\r\n\tx\r\nTo: a\r\n\r\n", "Message-ID").orElseThrow());
    }

    @Test
    void neverLooksIntoTheBody() throws Exception {
        assertTrue(find("Subject: hi\r\n\r\nMessage-ID: <in-body@example.test>\r\n", "Message-ID").isEmpty());
    }

    @Test
    void countsTheFieldsOfOneNameInTheHeaderOnly() throws Exception {
        String message = "Received: a\r\n b\r\nreceived: c\r\nSubject: Received:\r\n\r\nReceived: d\r\n";
        assertEquals(2, HeaderScanner.count(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), "Received"));
    }
}
