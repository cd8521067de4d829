package org.passerelle.dkim;

/**
 * Whether a message's header {@code From:} domain aligns, relaxed (RFC 7489 §3.1: the same
 * organisational domain), with its envelope sender's domain (what SPF authenticates) and with the
 * domain that signed it (DKIM {@code d=}). Neither: a receiver applying the domain's DMARC policy
 * would fail the message. Only the identifiers are compared here; whether SPF itself passes is the
 * receiver's business (the domain's SPF record must list the gateways).
 *
 * @param fromDomain     the header From: domain; {@code null} when the message has no usable From:
 * @param envelopeDomain the envelope sender's domain; {@code null} for the null sender
 * @param dkimDomain     the signing domain; {@code null} when not signed
 */
public record DmarcAlignment(String fromDomain, String envelopeDomain, String dkimDomain, boolean spfAligned, boolean dkimAligned) {

    public static DmarcAlignment of(String fromDomain, String envelopeDomain, String dkimDomain) {
        return new DmarcAlignment(fromDomain, envelopeDomain, dkimDomain,
                aligned(fromDomain, envelopeDomain), aligned(fromDomain, dkimDomain));
    }

    /** Whether DMARC would pass on alignment: SPF or DKIM aligned. */
    public boolean passes() {
        return spfAligned || dkimAligned;
    }

    /** The line the message page shows, beside the session's other decisions. */
    public String describe() {
        if (fromDomain == null) {
            return "no From: domain: fails DMARC";
        }
        return "From: " + fromDomain + "; envelope " + (envelopeDomain == null ? "<>" : envelopeDomain)
                + (spfAligned ? " aligned" : " not aligned") + "; DKIM " + (dkimDomain == null ? "none" : "d=" + dkimDomain
                + (dkimAligned ? " aligned" : " not aligned")) + (passes() ? "" : ": fails DMARC");
    }

    static boolean aligned(String fromDomain, String other) {
        return fromDomain != null && other != null && OrganisationalDomain.of(fromDomain).equals(OrganisationalDomain.of(other));
    }
}
