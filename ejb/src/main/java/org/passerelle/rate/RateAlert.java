package org.passerelle.rate;

import java.util.Locale;

/**
 * A rate worth telling operations about, at most once per hour per subject and level.
 *
 * @param threshold the figure the count went over (for an anomaly: three times the median)
 */
public record RateAlert(RateKey key, Level level, long count, long threshold, String text) {

    public enum Level {
        /** connections above the alert threshold */
        ALERT,
        /** connections above the block threshold: new ones are refused */
        BLOCK,
        /** an application's messages at 90 % of its rate limit */
        LIMIT,
        /** an application's messages above three times its usual volume for the hour */
        ANOMALY;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public String subjectLine() {
        return "Passerelle rate " + level.key() + ": " + (key.kind() == RateKind.CONNECTIONS ? "client " : "application ")
                + key.subject() + ", " + count + " " + key.kind().key() + " in the last hour";
    }
}
