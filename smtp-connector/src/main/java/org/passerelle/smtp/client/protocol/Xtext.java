package org.passerelle.smtp.client.protocol;

import java.nio.charset.StandardCharsets;

/** The xtext encoding of DSN parameter values (RFC 3461 §4): {@code +HH} for octets outside {@code !..~}, {@code +} and {@code =}. */
final class Xtext {

    private Xtext() {
    }

    static String encode(String text) {
        StringBuilder xtext = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int octet = b & 0xff;
            if (octet >= '!' && octet <= '~' && octet != '+' && octet != '=') {
                xtext.append((char) octet);
            } else {
                xtext.append('+').append(String.format("%02X", octet));
            }
        }
        return xtext.toString();
    }
}
