package org.passerelle.bounce;

import java.time.Instant;
import java.util.List;

import org.passerelle.smtp.MessageDsn;
import org.passerelle.tracking.Recipient;
import org.passerelle.tracking.TrackedMessage;

/** Tracked messages as the spool writes them, for tests without a database. */
final class TrackedMessages {

    static final String QUEUE_ID = "0DFE4RT6A1B2CXYZ";
    static final Instant RECEIVED = Instant.parse("2026-11-23T09:15:30Z");

    private TrackedMessages() {
    }

    static TrackedMessage from(String sender, MessageDsn dsn, Recipient... recipients) {
        return new TrackedMessage(QUEUE_ID, RECEIVED, "relay", "10.20.0.9", "app.corp.test", "billing", sender,
                "<orig@billing.managed.test>", 1000, false, false, dsn, List.of(recipients));
    }

    /** A message from a client that neither authenticated nor is a sender application. */
    static TrackedMessage fromUnregisteredClient(String sender, MessageDsn dsn, Recipient... recipients) {
        return new TrackedMessage(QUEUE_ID, RECEIVED, "relay", "192.0.2.7", "mx.example.net", null, sender,
                "<orig@example.net>", 1000, false, false, dsn, List.of(recipients));
    }
}
