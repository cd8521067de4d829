package org.passerelle.health;

/**
 * One check's answer.
 *
 * @param error why it is down, in a few words without a DN, an address or a password; {@code null} when up
 */
public record CheckResult(String name, boolean up, String error) {

    public static CheckResult up(String name) {
        return new CheckResult(name, true, null);
    }

    public static CheckResult down(String name, String error) {
        return new CheckResult(name, false, error);
    }
}
