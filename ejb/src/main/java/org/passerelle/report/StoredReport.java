package org.passerelle.report;

import java.time.Instant;
import java.time.YearMonth;

/** A kept report, without its content: which month and site, when and by whom (a login, or {@code schedule}) it was made. */
public record StoredReport(YearMonth month, String site, Instant generatedAt, String generatedBy) {
}
