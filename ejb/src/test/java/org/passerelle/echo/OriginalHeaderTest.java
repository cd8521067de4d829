package org.passerelle.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OriginalHeaderTest {

    private static OriginalHeader read(String message) {
        return OriginalHeader.read(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void keepsTheHeaderSectionWithoutTheBody() {
        OriginalHeader header = read("Subject: test\r\nFrom: a@b.test\r\n\r\nbody line\r\nSubject: not a header\r\n");
        assertEquals("Subject: test\r\nFrom: a@b.test\r\n", header.text());
        assertFalse(header.truncated());
    }

    @Test
    void readsFoldedFieldsUnfolded() {
        OriginalHeader header = read("Subject: a long\r\n subject\r\nMessage-ID: <1@b.test>\r\n\r\nbody\r\n");
        assertEquals(Optional.of("a long subject"), header.field("subject"));
        assertEquals(Optional.of("<1@b.test>"), header.field("Message-ID"));
        assertEquals(Optional.empty(), header.field("List-Id"));
    }

    @Test
    void aMessageWithoutBodyIsAllHeader() {
        assertEquals("Subject: only\r\n", read("Subject: only\r\n").text());
    }

    @Test
    void anEndlessHeaderSectionIsCutAtTheLimit() {
        OriginalHeader header = read("X-Filler: " + "x".repeat(OriginalHeader.LIMIT * 2) + "\r\n\r\nbody\r\n");
        assertTrue(header.truncated());
        assertEquals(OriginalHeader.LIMIT, header.text().length());
    }
}
