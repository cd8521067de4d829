package org.passerelle.smtp.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Plain, slow restatements of what the decoders must do, for the fuzz tests to hold them against:
 * the RFC rules written the obvious way, on whole byte arrays.
 */
final class MessageReference {

    private MessageReference() {
    }

    /** The verdict on a message's text: too large, bare CR or LF, a NUL octet, or fine (whatever its line lengths). */
    static MessageSink.Outcome outcome(byte[] text, long limit) {
        if (text.length > limit) {
            return MessageSink.Outcome.TOO_LARGE;
        }
        boolean nul = false;
        for (int i = 0; i < text.length; i++) {
            byte b = text[i];
            boolean bareLf = b == '\n' && (i == 0 || text[i - 1] != '\r');
            boolean bareCr = b == '\r' && i + 1 < text.length && text[i + 1] != '\n';
            if (bareLf || bareCr) {
                return MessageSink.Outcome.BARE_LINE_ENDING;
            }
            nul |= b == 0;
        }
        return nul ? MessageSink.Outcome.NUL_CHARACTER : MessageSink.Outcome.COMPLETE;
    }

    /** Where CRLF "." CRLF first ends DATA text (the DATA line's CRLF counting as the first CRLF); -1 if nowhere. */
    static int endOfData(byte[] input) {
        byte[] framed = new byte[input.length + 2];
        framed[0] = '\r';
        framed[1] = '\n';
        System.arraycopy(input, 0, framed, 2, input.length);
        for (int i = 0; i + 5 <= framed.length; i++) {
            if (framed[i] == '\r' && framed[i + 1] == '\n' && framed[i + 2] == '.' && framed[i + 3] == '\r'
                    && framed[i + 4] == '\n') {
                return i + 5 - 2;
            }
        }
        return -1;
    }

    /** RFC 5321 §4.5.2 undone: one leading dot off each line, a line starting after CRLF only. */
    static byte[] unstuffed(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length; i++) {
            boolean lineStart = i == 0 || i >= 2 && text[i - 2] == '\r' && text[i - 1] == '\n';
            if (!(lineStart && text[i] == '.')) {
                out.write(text[i]);
            }
        }
        return out.toByteArray();
    }

    static byte[] read(MessageBuffer content) {
        try (InputStream in = content.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] head(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }
}
