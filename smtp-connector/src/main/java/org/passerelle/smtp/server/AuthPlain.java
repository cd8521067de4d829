package org.passerelle.smtp.server;

import org.passerelle.smtp.Credentials;

/** SASL PLAIN (RFC 4616): one response, {@code authzid NUL authcid NUL passwd}. */
final class AuthPlain implements Sasl {

    @Override
    public Step respond(byte[] response) {
        if (response == null) {
            return new Challenge("");
        }
        String[] parts = Sasl.utf8(response).split("\0", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return new Malformed();
        }
        return new Done(new Credentials(parts[0], parts[1], parts[2]));
    }
}
