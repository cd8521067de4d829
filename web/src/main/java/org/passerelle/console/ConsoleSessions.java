package org.passerelle.console;

import java.util.logging.Logger;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;


/**
 * Gives every console session the inactivity timeout of {@code PSL_CONSOLE_SESSION_MINUTES}: after
 * that long without a request, the session ends and the next page is the login form.
 */
@WebListener
public class ConsoleSessions implements HttpSessionListener {

    private static final Logger LOG = Logger.getLogger(ConsoleSessions.class.getName());
    static final String SETTING = "psl.console.session-minutes";
    private static final int DEFAULT_MINUTES = 30;
    private static final int MAX_MINUTES = 24 * 60;

    private volatile Integer seconds;

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        event.getSession().setMaxInactiveInterval(seconds());
    }

    private int seconds() {
        if (seconds == null) {
            seconds = minutes(System.getProperty(SETTING)) * 60;
        }
        return seconds;
    }

    /** The setting's minutes; a value out of range or not a number is reported and the default used. */
    static int minutes(String value) {
        try {
            int minutes = Integer.parseInt(value == null ? String.valueOf(DEFAULT_MINUTES) : value.trim());
            if (minutes >= 1 && minutes <= MAX_MINUTES) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.severe(() -> "PSL_CONSOLE_SESSION_MINUTES must be a number of minutes from 1 to " + MAX_MINUTES + ", not " + value
                + "; console sessions end after " + DEFAULT_MINUTES + " minutes");
        return DEFAULT_MINUTES;
    }
}
