package org.passerelle.rate;

import java.util.List;

/** A page of the busiest subjects of a kind, and how many subjects were counted in all. */
public record RatePage(List<RateFigure> figures, long total) {
}
