package org.passerelle.content.virus;

/**
 * clamd's finding about a message: clean, or the name of the signature it matched.
 *
 * @param virus the signature's name ({@code Eicar-Test-Signature}), {@code null} when clean
 */
public record VirusScan(String virus) {

    public static final VirusScan CLEAN = new VirusScan(null);

    public boolean infected() {
        return virus != null;
    }
}
