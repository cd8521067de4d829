package org.passerelle.smtp.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.client.SmtpReply;

class ServerExtensionsTest {

    @Test
    void readsTheKeywordsAfterTheGreetingLine() {
        ServerExtensions extensions = ServerExtensions.of(new SmtpReply(250,
                List.of("mx.example says PIPELINING", "pipelining", "SIZE 35882577", "8BITMIME", "STARTTLS", "")));
        assertTrue(extensions.offers("PIPELINING"));
        assertTrue(extensions.offers("STARTTLS"));
        assertEquals(35882577, extensions.sizeLimit());
        assertFalse(extensions.offers("DSN"));
    }

    @Test
    void aSizeWithoutNumberIsNoLimit() {
        assertEquals(0, ServerExtensions.of(new SmtpReply(250, List.of("mx", "SIZE"))).sizeLimit());
        assertEquals(0, ServerExtensions.NONE.sizeLimit());
    }
}
