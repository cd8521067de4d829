package org.passerelle.smtp.client;

/** When a recipient wants a delivery status notification: {@code NOTIFY=} (RFC 3461 §4.1). */
public enum DsnNotify {
    NEVER, SUCCESS, FAILURE, DELAY
}
