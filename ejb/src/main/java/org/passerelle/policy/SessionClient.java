package org.passerelle.policy;

import java.net.InetAddress;

/**
 * What the policy knows of the client at a stage of the session.
 *
 * @param listener the listener it connected to: sender applications are recognised by their
 *                 networks only on the {@value #RELAY_LISTENER} listener, and by their name on the
 *                 {@value #INSIDE_LISTENER} listener, which only deployments on the server reach
 * @param heloName the HELO/EHLO name, {@code null} before it; on the inside listener, the name of the
 *                 application the mail submission factory sends as
 * @param authenticatedUser the login the client authenticated as, {@code null} if it did not
 */
public record SessionClient(InetAddress address, String listener, String heloName, String authenticatedUser) {

    public static final String RELAY_LISTENER = "relay";
    public static final String INSIDE_LISTENER = "inside";

    public boolean authenticated() {
        return authenticatedUser != null;
    }

    public boolean onRelayListener() {
        return RELAY_LISTENER.equals(listener);
    }

    /** Mail from a deployment on this server, through the mail submission factory. */
    public boolean inside() {
        return INSIDE_LISTENER.equals(listener);
    }
}
