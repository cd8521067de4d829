package org.passerelle.smtp;

import java.util.Objects;

/**
 * What a client gave with AUTH (RFC 4954), decoded: PLAIN carries all three, LOGIN no
 * authorization identity. The password never appears in {@link #toString()}.
 *
 * @param authorizationId the identity to act as, empty when the client asked for none
 * @param userName        the authentication identity
 * @param password        the password, as sent
 */
public record Credentials(String authorizationId, String userName, String password) {

    public Credentials {
        Objects.requireNonNull(authorizationId, "authorizationId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Credentials[authorizationId=" + authorizationId + ", userName=" + userName + ", password=****]";
    }
}
