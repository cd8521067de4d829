package org.passerelle.smtp;

import java.util.Objects;

/**
 * The TLS protection of a session, once negotiated (by STARTTLS or from the first byte).
 *
 * @param protocol    e.g. {@code TLSv1.3}
 * @param cipherSuite e.g. {@code TLS_AES_256_GCM_SHA384}
 */
public record TlsState(String protocol, String cipherSuite) {

    public TlsState {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
    }

    /** As a {@code Received:} header comment would put it: {@code TLSv1.3 with cipher TLS_AES_256_GCM_SHA384}. */
    @Override
    public String toString() {
        return protocol + " with cipher " + cipherSuite;
    }
}
