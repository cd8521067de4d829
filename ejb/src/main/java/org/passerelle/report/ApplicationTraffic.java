package org.passerelle.report;

import java.util.List;

/**
 * One sender application's line of a monthly report.
 *
 * @param entity     its entity, {@code null} when unknown (an application removed from the directory)
 * @param monthly    messages accepted in each month of the report's twelve, oldest first
 * @param registered whether it is in the directory when the report is made
 */
public record ApplicationTraffic(String name, String entity, List<Long> monthly, boolean registered) {

    public ApplicationTraffic {
        monthly = List.copyOf(monthly);
    }

    /** Messages of the report's month. */
    public long thisMonth() {
        return monthly.get(monthly.size() - 1);
    }

    /** Messages of the month before. */
    public long previousMonth() {
        return monthly.get(monthly.size() - 2);
    }

    /** The change against the month before, in percent, rounded to one decimal; {@code null} when it sent nothing then. */
    public Double changePercent() {
        return MonthlyReport.changePercent(previousMonth(), thisMonth());
    }
}
