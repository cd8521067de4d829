package org.passerelle.hygiene;

import java.time.Instant;

/**
 * The last time an application's client in one of its networks had a message accepted.
 *
 * @param network the application's network that held the client, as the directory writes it
 */
public record NetworkUse(String application, String network, Instant lastUsed) {
}
