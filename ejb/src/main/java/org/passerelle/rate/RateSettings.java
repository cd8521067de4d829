package org.passerelle.rate;

import java.time.Duration;
import java.util.function.UnaryOperator;

import org.passerelle.settings.Setting;

/**
 * The rate watch's settings, checked when the server starts: a value out of range is refused with a
 * message naming its variable ({@link RateWatch} then stops the server).
 *
 * @param clients thresholds of clients that are neither an exception nor an application
 * @param applications thresholds of the connections of a registered application's clients (their
 *                     volume is capped by their {@code pslRateLimit} instead)
 * @param flush how often each node adds its counts to the database and reads the cluster's sums
 */
public record RateSettings(RateWindow window, Thresholds clients, Thresholds applications, RateExceptions exceptions,
                           Duration flush, String operationsAddress) {

    public static RateSettings fromServer() {
        return read(name -> Setting.optionalText(name).orElse(""));
    }

    /** @param property the text of a {@code psl.*} property, empty if blank */
    static RateSettings read(UnaryOperator<String> property) {
        long window = number(property, "psl.rate.window-seconds", "PSL_RATE_WINDOW_SECONDS", RateWindow.SLICES);
        long alert = number(property, "psl.rate.alert-per-hour", "PSL_RATE_ALERT_PER_HOUR", 0);
        long block = number(property, "psl.rate.block-per-hour", "PSL_RATE_BLOCK_PER_HOUR", 0);
        long appAlert = number(property, "psl.rate.application-alert-per-hour", "PSL_RATE_APPLICATION_ALERT_PER_HOUR", 0);
        long appBlock = number(property, "psl.rate.application-block-per-hour", "PSL_RATE_APPLICATION_BLOCK_PER_HOUR", 0);
        long flush = number(property, "psl.rate.flush-seconds", "PSL_RATE_FLUSH_SECONDS", 1);
        if (flush * 2 > window) {
            throw new IllegalStateException("PSL_RATE_FLUSH_SECONDS (" + flush + ") must be at most half of PSL_RATE_WINDOW_SECONDS ("
                    + window + ")");
        }
        requireOrdered(alert, block, "PSL_RATE_ALERT_PER_HOUR", "PSL_RATE_BLOCK_PER_HOUR");
        requireOrdered(appAlert, appBlock, "PSL_RATE_APPLICATION_ALERT_PER_HOUR", "PSL_RATE_APPLICATION_BLOCK_PER_HOUR");
        RateExceptions exceptions;
        try {
            exceptions = RateExceptions.parse(property.apply("psl.rate.exceptions"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("PSL_RATE_EXCEPTIONS: " + e.getMessage(), e);
        }
        String operations = property.apply("psl.operations-address");
        if (operations.isEmpty() || operations.indexOf('@') <= 0) {
            throw new IllegalStateException("PSL_OPERATIONS_ADDRESS is not a mail address: \"" + operations + "\"");
        }
        return new RateSettings(new RateWindow(Duration.ofSeconds(window)), new Thresholds(alert, block, "default"),
                new Thresholds(appAlert, appBlock, "applications"), exceptions, Duration.ofSeconds(flush), operations);
    }

    private static long number(UnaryOperator<String> property, String name, String variable, long minimum) {
        String text = property.apply(name);
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(variable + " is not a whole number: \"" + text + "\"", e);
        }
        if (value < minimum) {
            throw new IllegalStateException(variable + " is " + value + ", below its minimum " + minimum);
        }
        return value;
    }

    // a block threshold below the alert one would block without the alert that explains it
    private static void requireOrdered(long alert, long block, String alertName, String blockName) {
        if (alert > 0 && block > 0 && block < alert) {
            throw new IllegalStateException(blockName + " (" + block + ") is below " + alertName + " (" + alert + ")");
        }
    }
}
