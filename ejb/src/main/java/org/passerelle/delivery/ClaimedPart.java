package org.passerelle.delivery;

import java.util.List;

import org.passerelle.tracking.TrackedMessage;

/** A part of a delivery claim: the messages a worker delivers, then records, under one token. */
public record ClaimedPart(String token, List<TrackedMessage> messages) {
}
