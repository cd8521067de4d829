package org.passerelle.greylist;

import jakarta.ejb.ApplicationException;

/**
 * The greylist's database could not be read or written: the recipient must be deferred
 * ({@code 451 4.3.0}), never accepted unchecked nor refused for good. An application exception, so
 * that callers receive it as it is rather than wrapped in an {@code EJBException}.
 */
@ApplicationException(rollback = true)
public class GreylistUnavailableException extends RuntimeException {

    public GreylistUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
