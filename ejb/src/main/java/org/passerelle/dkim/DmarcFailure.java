package org.passerelle.dkim;

import java.util.List;

/**
 * An application whose mail would fail DMARC: of its {@code messages} accepted in the period,
 * {@code failing} had a {@code From:} aligned neither with the envelope sender nor with a DKIM
 * signature; {@code fromDomains} the {@code From:} domains of those, {@code envelopeDomains} their
 * envelope senders' domains.
 */
public record DmarcFailure(String application, long messages, long failing, List<String> fromDomains, List<String> envelopeDomains) {

    public DmarcFailure {
        fromDomains = List.copyOf(fromDomains);
        envelopeDomains = List.copyOf(envelopeDomains);
    }
}
