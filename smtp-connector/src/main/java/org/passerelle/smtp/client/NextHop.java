package org.passerelle.smtp.client;

/**
 * Where a message is handed on: a host and a port. Written like Postfix's next hops:
 * {@code [host]:port} or {@code host:port}, the port defaulting to 25.
 */
public record NextHop(String host, int port) {

    public NextHop {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("next hop without a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("next hop port out of range: " + port);
        }
    }

    public static NextHop parse(String text) {
        String trimmed = text.trim();
        String host;
        String rest;
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed [ in next hop " + text);
            }
            host = trimmed.substring(1, close);
            rest = trimmed.substring(close + 1);
        } else {
            int colon = trimmed.lastIndexOf(':');
            host = colon < 0 ? trimmed : trimmed.substring(0, colon);
            rest = colon < 0 ? "" : trimmed.substring(colon);
        }
        if (rest.isEmpty()) {
            return new NextHop(host, 25);
        }
        if (!rest.matches(":\\d{1,5}")) {
            throw new IllegalArgumentException("bad port in next hop " + text);
        }
        return new NextHop(host, Integer.parseInt(rest.substring(1)));
    }

    @Override
    public String toString() {
        return "[" + host + "]:" + port;
    }
}
