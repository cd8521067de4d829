package org.passerelle.directory;

import jakarta.ejb.ApplicationException;

/**
 * The directory could not be read, or refused a write; whatever depends on it must fail
 * temporarily, never accept.
 * An application exception, so that callers of the directory beans receive it as it is rather
 * than wrapped in an {@code EJBException}.
 */
@ApplicationException(rollback = true)
public class DirectoryUnavailableException extends RuntimeException {

    private final String publicMessage;

    /**
     * @param message for the server's log: may name the directory's URL, base DN and filters
     * @param publicMessage for the people and systems Passerelle answers: none of those internals
     */
    public DirectoryUnavailableException(String message, String publicMessage, Throwable cause) {
        super(message, cause);
        this.publicMessage = publicMessage;
    }

    /** What may be told to a caller: the operation (DNs relative to the base) and the directory's result code. */
    public String publicMessage() {
        return publicMessage;
    }
}
