package org.passerelle.tracking;

/**
 * Where an accepted message stands. QUEUED, DEFERRED and HELD are in the queue (HELD waits for an
 * operator); DELIVERED, BOUNCED and DELETED are final: nothing is left to send.
 */
public enum MessageState {
    QUEUED, DEFERRED, HELD, DELIVERED, BOUNCED, DELETED;

    public boolean finished() {
        return this == DELIVERED || this == BOUNCED || this == DELETED;
    }
}
