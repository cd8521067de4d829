package org.passerelle.it.container;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.passerelle.smtp.MessageContent;

/** Message content as the SMTP connector hands it to the spool, from a text. */
final class MessageContents {

    private MessageContents() {
    }

    static MessageContent of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return new MessageContent() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream openStream() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }
}
