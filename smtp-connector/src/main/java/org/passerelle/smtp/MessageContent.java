package org.passerelle.smtp;

import java.io.IOException;
import java.io.InputStream;

/**
 * The message as received after DATA: dot-unstuffed, lines ending in CRLF, without the final
 * {@code .}. Held in memory when small and in a temporary file when large, so it can be read more
 * than once without a whole copy on the heap.
 */
public interface MessageContent {

    long size();

    InputStream openStream() throws IOException;
}
