package org.passerelle.bounce;

import java.io.IOException;
import java.io.InputStream;

/** What a notice carries of the message it reports on, as the third part of the report (RFC 6522 §3, §4). */
public enum ReturnedContent {

    /** The whole message, {@code message/rfc822}. */
    MESSAGE("message/rfc822", "Undelivered Message"),
    /** Its header section only, {@code text/rfc822-headers}. */
    HEADERS("text/rfc822-headers", "Message Headers");

    private final String mediaType;
    private final String description;

    ReturnedContent(String mediaType, String description) {
        this.mediaType = mediaType;
        this.description = description;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The part's {@code Content-Description}. */
    public String description() {
        return description;
    }

    /** The returned octets of the stored message, read from {@code message} as they are read. */
    public InputStream select(InputStream message) {
        return this == MESSAGE ? message : new HeaderSectionInputStream(message);
    }

    /**
     * Whether the returned octets hold any above 127. Neither {@code message/rfc822} nor the
     * report around it may be base64 or quoted-printable encoded (RFC 2046 §5.2.1, RFC 2045 §6.4),
     * so such a part is labelled {@code 8bit} and the notice is sent with {@code BODY=8BITMIME}.
     */
    public boolean hasEightBit(InputStream message) throws IOException {
        InputStream returned = select(message);
        byte[] buffer = new byte[8192];
        int read;
        while ((read = returned.read(buffer)) != -1) {
            for (int i = 0; i < read; i++) {
                if (buffer[i] < 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
