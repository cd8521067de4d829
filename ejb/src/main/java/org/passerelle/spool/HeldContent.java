package org.passerelle.spool;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.passerelle.smtp.MessageContent;

/** A message Passerelle writes itself and holds in memory (a notice: a few kilobytes of text), for {@link Spool#submit}. */
public record HeldContent(byte[] content) implements MessageContent {

    @Override
    public long size() {
        return content.length;
    }

    @Override
    public InputStream openStream() {
        return new ByteArrayInputStream(content);
    }
}
