package org.passerelle.incident;

import java.util.Locale;

/** What a diagnosis found at fault: a part of the network, or of the server. */
public enum Cause {
    LAN(Area.NETWORK), MAN(Area.NETWORK), FIREWALL(Area.NETWORK), SMTP_SERVICE(Area.SERVER), HARDWARE(Area.SERVER);

    /** The two sides of the service a diagnosis tells apart. */
    public enum Area {
        NETWORK, SERVER, BOTH;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Area area;

    Cause(Area area) {
        this.area = area;
    }

    public Area area() {
        return area;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException when the text names no cause */
    public static Cause of(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
