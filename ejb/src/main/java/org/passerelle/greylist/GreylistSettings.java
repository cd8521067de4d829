package org.passerelle.greylist;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

import org.passerelle.settings.SettingsReader;

/**
 * The greylisting settings ({@code PSL_GREYLIST_*}), each checked against its range: a server
 * with one out of range says which at start and does not deploy, rather than greylist in a way
 * nobody chose.
 *
 * @param enabled whether unregistered, unauthenticated clients of the relay listener are greylisted
 * @param delay how long a new triplet must wait before its retry passes
 * @param pendingLifetime how long a triplet that has not passed yet is kept
 * @param confirmedLifetime how long a triplet that passed, or an auto-allowed network, is kept after its last use
 * @param autoAllowPasses after how many passes (at most one an hour) a client network skips greylisting; 0: never
 * @param replyText the text of the {@code 451 4.7.1} reply; empty: {@value #DEFAULT_REPLY_TEXT}
 */
public record GreylistSettings(boolean enabled, Duration delay, Duration pendingLifetime, Duration confirmedLifetime,
                               int autoAllowPasses, int ipv4Prefix, int ipv6Prefix, String replyText) {

    private static final long DAY = 86_400;
    /** The reply text when none is set. */
    public static final String DEFAULT_REPLY_TEXT = "Greylisted, please try again later";

    /**
     * @param property the value of a system property by name ({@code psl.greylist.delay-seconds}),
     *                 {@code null} when it is not defined
     * @throws IllegalArgumentException naming every setting that is missing or out of range
     */
    public static GreylistSettings read(Function<String, String> property) {
        Reader reader = new Reader(property);
        boolean enabled = reader.flag("enabled");
        long delay = reader.number("delay-seconds", 0, DAY);
        long pending = reader.number("pending-seconds", 1, 30 * DAY);
        long confirmed = reader.number("confirmed-seconds", 1, 365 * DAY);
        int passes = (int) reader.number("auto-allow-passes", 0, 1000);
        int ipv4 = (int) reader.number("ipv4-prefix", 8, 32);
        int ipv6 = (int) reader.number("ipv6-prefix", 16, 128);
        String text = reader.replyText("reply-text");
        if (reader.problems().isEmpty() && pending <= delay) {
            reader.problems().add(Reader.variableOf("pending-seconds") + "=" + pending + ": must be longer than "
                    + Reader.variableOf("delay-seconds") + " (" + delay + "), or no retry could ever pass");
        }
        if (!reader.problems().isEmpty()) {
            throw new IllegalArgumentException("greylisting settings out of range: " + String.join("; ", reader.problems()));
        }
        return new GreylistSettings(enabled, Duration.ofSeconds(delay), Duration.ofSeconds(pending), Duration.ofSeconds(confirmed),
                passes, ipv4, ipv6, text);
    }

    /** Reads the settings one by one, collecting every problem rather than stopping at the first. */
    private static final class Reader extends SettingsReader {

        Reader(Function<String, String> property) {
            super(name -> property.apply("psl.greylist." + name), Reader::variableOf);
        }

        /** The environment variable an operator sets for {@code psl.greylist.<name>}. */
        static String variableOf(String name) {
            return "PSL_GREYLIST_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
        }

        // the text goes into an SMTP reply line: printable ASCII only (RFC 5321 §4.2), and short
        String replyText(String name) {
            String value = value(name);
            if (value == null || value.isEmpty()) {
                return DEFAULT_REPLY_TEXT;
            }
            if (value.length() > 200 || !value.matches("[\\x20-\\x7e]+")) {
                problems().add(variable(name) + ": must be at most 200 printable ASCII characters");
            }
            return value;
        }
    }
}
