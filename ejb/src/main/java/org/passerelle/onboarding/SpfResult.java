package org.passerelle.onboarding;

/**
 * What a domain's SPF record says of one sending address (RFC 7208 §2.6), and why: the mechanism
 * that matched, or what was missing or wrong.
 */
public record SpfResult(Outcome outcome, String reason) {

    public enum Outcome {
        PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, PERMERROR, TEMPERROR;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean passes() {
        return outcome == Outcome.PASS;
    }
}
