package org.passerelle.bounce;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.james.mime4j.dom.SingleBody;

/**
 * The returned part of a notice as a mime4j body that copies the stored message while the notice
 * is written, instead of holding it: mime4j's ready-made bodies read their content whole first.
 * It can be written once.
 */
final class ReturnedBody extends SingleBody {

    private final InputStream content;

    ReturnedBody(InputStream content) {
        this.content = content;
    }

    @Override
    public InputStream getInputStream() {
        return content;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        content.transferTo(out);
    }
}
