package org.passerelle.directory;

import jakarta.ejb.ApplicationException;

/**
 * The directory could not be read; whatever depends on it must fail temporarily, never accept.
 * An application exception, so that callers of the directory beans receive it as it is rather
 * than wrapped in an {@code EJBException}.
 */
@ApplicationException(rollback = true)
public class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
