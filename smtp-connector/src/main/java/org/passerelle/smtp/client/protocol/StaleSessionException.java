package org.passerelle.smtp.client.protocol;

import java.io.IOException;

/**
 * The connection failed before the next hop answered anything of the transaction, so nothing of
 * it was taken and its content was not read: it may be sent again over another connection.
 * A reused connection the next hop closed while it was idle ends this way.
 */
public final class StaleSessionException extends Exception {

    private static final long serialVersionUID = 1L;

    StaleSessionException(IOException cause) {
        super(cause);
    }

    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }
}
