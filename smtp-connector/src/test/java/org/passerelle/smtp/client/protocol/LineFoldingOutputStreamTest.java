package org.passerelle.smtp.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LineFoldingOutputStreamTest {

    /** The content as the next hop receives it after DATA: folded, then dot-stuffed. */
    private static String asData(String content) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DotStuffingOutputStream data = new DotStuffingOutputStream(wire);
        new LineFoldingOutputStream(data).write(content.getBytes(StandardCharsets.US_ASCII));
        data.finish();
        return wire.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void leavesALineOf998OctetsAsItIs() throws Exception {
        String line = "x".repeat(998) + "\r\n";
        assertEquals(line + ".\r\n", asData(line));
    }

    @Test
    void foldsALongerLineAfter998OctetsWithCrLfAndASpace() throws Exception {
        String body = "a".repeat(998) + "b".repeat(1500) + "\r\nnext\r\n";
        assertEquals("a".repeat(998) + "\r\n " + "b".repeat(997) + "\r\n " + "b".repeat(503) + "\r\nnext\r\n.\r\n", asData(body));
    }

    @Test
    void everyLineOnTheWireFitsInRfc5321sLimitEvenWithAStuffedDot() throws Exception {
        String wire = asData("Subject: " + "s".repeat(3000) + "\r\n\r\n." + "d".repeat(2500) + "\r\nend\r\n");
        for (String line : wire.split("\r\n")) {
            assertTrue(line.length() <= 998, "a line of " + line.length() + " octets");
        }
        assertTrue(wire.startsWith("Subject: sss"), wire.substring(0, 20));
        assertTrue(wire.contains("\r\n\r\n..ddd"), "the leading dot is stuffed");
    }
}
