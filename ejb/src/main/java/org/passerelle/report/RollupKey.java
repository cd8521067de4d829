package org.passerelle.report;

import java.time.LocalDate;

/** One figure of one day's rollup row: an application's traffic through a gateway site. */
public record RollupKey(LocalDate day, String application, String site, TrafficCounter counter) {
}
