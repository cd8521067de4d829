package org.passerelle.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ReturnedContentTest {

    private static InputStream message(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String returned(ReturnedContent returned, String message) throws IOException {
        return new String(returned.select(message(message)).readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theHeadersEndBeforeTheEmptyLine() throws IOException {
        assertEquals("Subject: hi\r\nTo: <a@example.org>\r\n",
                returned(ReturnedContent.HEADERS, "Subject: hi\r\nTo: <a@example.org>\r\n\r\nbody\r\n\r\nmore\r\n"));
    }

    @Test
    void foldedHeaderLinesStayWhole() throws IOException {
        assertEquals("Subject: a long\r\n\tsubject\r\n", returned(ReturnedContent.HEADERS, "Subject: a long\r\n\tsubject\r\n\r\nbody\r\n"));
    }

    @Test
    void aMessageWithoutABodyIsAllHeaders() throws IOException {
        assertEquals("Subject: hi\r\n", returned(ReturnedContent.HEADERS, "Subject: hi\r\n"));
    }

    @Test
    void aBareLineFeedAlsoEndsTheHeaders() throws IOException {
        assertEquals("Subject: hi\n", returned(ReturnedContent.HEADERS, "Subject: hi\n\nbody\n"));
    }

    @Test
    void aCarriageReturnAloneAtTheStartOfALineIsNotTheEnd() throws IOException {
        assertEquals("Subject: hi\r\n\rX: y\r\n", returned(ReturnedContent.HEADERS, "Subject: hi\r\n\rX: y\r\n\r\nbody\r\n"));
    }

    @Test
    void theWholeMessageIsEveryOctet() throws IOException {
        String message = "Subject: hi\r\n\r\nbody\r\n";
        assertEquals(message, returned(ReturnedContent.MESSAGE, message));
    }

    @Test
    void eightBitOctetsCountOnlyInWhatIsReturned() throws IOException {
        String bodyOnly = "Subject: hi\r\n\r\ncafé\r\n";
        assertTrue(ReturnedContent.MESSAGE.hasEightBit(message(bodyOnly)));
        assertFalse(ReturnedContent.HEADERS.hasEightBit(message(bodyOnly)));
        assertTrue(ReturnedContent.HEADERS.hasEightBit(message("Subject: café\r\n\r\nbody\r\n")));
        assertFalse(ReturnedContent.MESSAGE.hasEightBit(message("Subject: hi\r\n\r\nbody\r\n")));
    }
}
