package org.passerelle.smtp.client;

/** What the message body holds, as the MAIL parameter {@code BODY} says it (RFC 6152). */
public enum BodyType {
    /** US-ASCII only: no parameter is sent. */
    SEVEN_BIT,
    /** Octets above 127 in text lines: {@code BODY=8BITMIME} when the next hop offers it. */
    EIGHT_BIT_MIME
}
