package org.passerelle.dkim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;

import org.passerelle.smtp.MessageContent;

/** A message with its {@code DKIM-Signature:} field put first, the rest read from the message as it is. */
final class SignedContent implements MessageContent {

    private final byte[] field;
    private final MessageContent message;

    SignedContent(String field, MessageContent message) {
        this.field = (field + "\r\n").getBytes(StandardCharsets.US_ASCII);
        this.message = message;
    }

    @Override
    public long size() {
        return field.length + message.size();
    }

    @Override
    public InputStream openStream() throws IOException {
        return new SequenceInputStream(new ByteArrayInputStream(field), message.openStream());
    }
}
