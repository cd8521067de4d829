package org.passerelle.content;

/**
 * A scanner that could not give an answer: down, too slow, or answering something that is not its
 * protocol. The caller decides what that means for the message (fail closed or open); it must not
 * be mistaken for a clean result, hence a checked exception.
 */
public class ScannerFailure extends Exception {

    public ScannerFailure(String message) {
        super(message);
    }

    public ScannerFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** A scanner's garbage goes into a log line: short, and no control characters. */
    public static String printable(String text) {
        String cleaned = text.replaceAll("[^\\x20-\\x7e]", "?");
        return cleaned.length() > 120 ? cleaned.substring(0, 120) + "..." : cleaned;
    }
}
