package org.passerelle.smtp.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DotStuffingOutputStreamTest {

    private static String asData(String content) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DotStuffingOutputStream data = new DotStuffingOutputStream(wire);
        data.write(content.getBytes(StandardCharsets.US_ASCII));
        data.finish();
        return wire.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void doublesALeadingDotOnEveryLine() throws Exception {
        assertEquals("..first\r\nmid.dle\r\n..\r\n...x\r\n.\r\n", asData(".first\r\nmid.dle\r\n.\r\n..x\r\n"));
    }

    @Test
    void endsAnUnterminatedLastLineBeforeTheFinalDot() throws Exception {
        assertEquals("last\r\n.\r\n", asData("last"));
    }

    @Test
    void neverSendsABareLineFeed() throws Exception {
        assertEquals("a\r\n..b\r\n.\r\n", asData("a\n.b\n"));
    }

    @Test
    void theWireIsTheSameWrittenInPiecesOrOctetByOctet() throws Exception {
        String content = "a\n.b\r\n..c\r\n" + "x".repeat(1500) + "\r\n.\r\nend";
        byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
        for (int cut = 1; cut < 20; cut++) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            DotStuffingOutputStream data = new DotStuffingOutputStream(wire);
            LineFoldingOutputStream folded = new LineFoldingOutputStream(data);
            ByteArrayOutputStream oneByOne = new ByteArrayOutputStream();
            DotStuffingOutputStream reference = new DotStuffingOutputStream(oneByOne);
            LineFoldingOutputStream referenceFolded = new LineFoldingOutputStream(reference);
            for (int from = 0; from < bytes.length; from += cut) {
                folded.write(bytes, from, Math.min(cut, bytes.length - from));
            }
            for (byte b : bytes) {
                referenceFolded.write(b);
            }
            data.finish();
            reference.finish();
            assertEquals(oneByOne.toString(StandardCharsets.US_ASCII), wire.toString(StandardCharsets.US_ASCII), "writes of " + cut);
        }
    }
}
