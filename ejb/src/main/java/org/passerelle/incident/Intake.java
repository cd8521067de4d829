package org.passerelle.incident;

import java.util.Locale;

/** How an incident came in. */
public enum Intake {
    /** raised by the operations team or the central service */
    OPERATIONS,
    /** raised by a manager or owner of an application, through the API or the console */
    USER,
    /** raised by one of Passerelle's monitors, which also resolves it when its condition clears */
    MONITOR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
