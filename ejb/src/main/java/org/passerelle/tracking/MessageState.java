package org.passerelle.tracking;

/** Where an accepted message stands. DELIVERED and BOUNCED are final: nothing is left to send. */
public enum MessageState {
    QUEUED, DEFERRED, DELIVERED, BOUNCED;

    public boolean finished() {
        return this == DELIVERED || this == BOUNCED;
    }
}
