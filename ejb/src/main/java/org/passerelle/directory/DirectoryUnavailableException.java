package org.passerelle.directory;

/** The directory could not be read; whatever depends on it must fail temporarily, never accept. */
public class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
