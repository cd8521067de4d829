package org.passerelle.rate;

/** A subject's count of the sliding hour, as the rates list shows it. */
public record RateFigure(RateKind kind, String subject, long count) {
}
