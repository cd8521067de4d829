package org.passerelle.greylist;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The header the first accepted message of a triplet gets, naming how long greylisting delayed it,
 * in the words other greylisting servers use: {@code X-Greylist: delayed 842 seconds by Passerelle at mx1.example}.
 */
public final class GreylistHeader {

    private GreylistHeader() {
    }

    public static byte[] of(Duration delay, String hostName) {
        return ("X-Greylist: delayed " + delay.toSeconds() + " seconds by Passerelle at " + hostName + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
