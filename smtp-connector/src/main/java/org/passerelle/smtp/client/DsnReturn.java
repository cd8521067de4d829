package org.passerelle.smtp.client;

/** What a delivery status notification should carry of the message: {@code RET=} (RFC 3461 §4.3). */
public enum DsnReturn {
    FULL, HDRS
}
