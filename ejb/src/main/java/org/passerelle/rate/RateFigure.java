package org.passerelle.rate;

/** A subject's count of the sliding hour, as the rates list shows it; {@code kind} is a {@link RateKind#key()}. */
public record RateFigure(String kind, String subject, long count) {
}
