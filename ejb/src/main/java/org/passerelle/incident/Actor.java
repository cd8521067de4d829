package org.passerelle.incident;

import java.util.Locale;

/**
 * The parties of the incident process; each has a distribution list ({@code PSL_INCIDENT_*_ADDRESS},
 * {@link IncidentSettings}) and one of them is assigned an incident to work on.
 */
public enum Actor {
    /** the central service, which answers for the relay service */
    SERVICE_OWNER,
    /** the operations team, which runs the gateways */
    OPERATIONS,
    /** the network steering cell, which coordinates network changes and outages */
    NETWORK_STEERING_CELL,
    /** the network operator (LAN, MAN, firewalls) */
    NETWORK_OPERATOR,
    /** the hosting provider of the servers */
    HOSTING_PROVIDER;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException when the text names no actor */
    public static Actor of(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
