package org.passerelle.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MessageContent;
import org.passerelle.spool.HeldContent;

class RewrittenContentTest {

    private static final MessageRewrite TAG_HIGH = new MessageRewrite(List.of("X-status: HIGH"), "[SPAM]");

    private static String rewrite(String message, MessageRewrite rewrite) throws IOException {
        MessageContent content = RewrittenContent.of(new HeldContent(message.getBytes(StandardCharsets.ISO_8859_1)), rewrite);
        try (InputStream in = content.openStream()) {
            byte[] bytes = in.readAllBytes();
            assertEquals(bytes.length, content.size(), "the size said is the size read");
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void tagsTheSubjectAndPutsTheHeadersFirst() throws IOException {
        assertEquals("X-status: HIGH\r\nFrom: a@b\r\nSubject: [SPAM] Cheap offer\r\n\r\nBody\r\n",
                rewrite("From: a@b\r\nSubject: Cheap offer\r\n\r\nBody\r\n", TAG_HIGH));
    }

    @Test
    void aFoldedSubjectKeepsItsContinuation() throws IOException {
        assertEquals("X-status: HIGH\r\nSubject: [SPAM] Cheap\r\n offer\r\n\r\nBody\r\n",
                rewrite("subject: Cheap\r\n offer\r\n\r\nBody\r\n", TAG_HIGH));
    }

    @Test
    void aMessageWithoutSubjectGetsOne() throws IOException {
        assertEquals("X-status: HIGH\r\nFrom: a@b\r\nSubject: [SPAM]\r\n\r\nBody\r\n", rewrite("From: a@b\r\n\r\nBody\r\n", TAG_HIGH));
    }

    @Test
    void headersOnlyWhenNoTag() throws IOException {
        assertEquals("X-status: MEDIUM\r\nSubject: Hi\r\n\r\nBody\r\n",
                rewrite("Subject: Hi\r\n\r\nBody\r\n", new MessageRewrite(List.of("X-status: MEDIUM"), null)));
    }

    @Test
    void aHeaderSectionThatNeverEndsIsLeftAsItIs() throws IOException {
        assertEquals("X-status: HIGH\r\nSubject: no body and no blank line", rewrite("Subject: no body and no blank line", TAG_HIGH));
    }

    @Test
    void theSendersOwnStatusHeadersAreDropped() throws IOException {
        assertEquals("X-status: HIGH\r\nFrom: a@b\r\nSubject: [SPAM] Hi\r\n\r\nBody\r\n",
                rewrite("From: a@b\r\nX-Status: LOW\r\n\tfolded\r\nSubject: Hi\r\n\r\nBody\r\n", TAG_HIGH));
    }
}
