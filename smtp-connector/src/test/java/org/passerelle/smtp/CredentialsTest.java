package org.passerelle.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void aLoginNameCannotForgeALogLine() {
        Credentials forged = new Credentials("", "alice\r\nsess1: accept AUTH from [10.0.0.1]: user=<root>", "secret");
        assertEquals("alice\\x0D\\x0Asess1: accept AUTH from [10.0.0.1]: user=<root>", forged.printableUserName());
        assertFalse(forged.toString().contains("\n"));
    }

    @Test
    void escapesOtherNonPrintingCharactersAndBackslashesButKeepsLetters() {
        assertEquals("zo\u00eb\\x00\\x1B[31m\\u2028\\u202E\\\\x0A", new Credentials("", "zo\u00eb\u0000\u001b[31m\u2028\u202e\\x0A", "p")
                .printableUserName());
    }

    @Test
    void neverShowsThePassword() {
        assertFalse(new Credentials("", "alice", "s3cret").toString().contains("s3cret"));
    }
}
