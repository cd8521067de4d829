package org.passerelle.health;

/**
 * One check's answer.
 *
 * @param error why it is down (or, up, what does not answer), in a few words without a DN, an address or a
 *              password; {@code null} when all is well
 */
public record CheckResult(String name, boolean up, String error) {

    public static CheckResult up(String name) {
        return new CheckResult(name, true, null);
    }

    public static CheckResult down(String name, String error) {
        return new CheckResult(name, false, error);
    }

    /** Up, since the node serves mail without it, though what was checked does not answer ({@code error} says what). */
    public static CheckResult upDespite(String name, String error) {
        return new CheckResult(name, true, error);
    }
}
