package org.passerelle.tracking;

/** Where one recipient of a message stands. */
public enum RecipientState {
    PENDING, DELIVERED, FAILED
}
