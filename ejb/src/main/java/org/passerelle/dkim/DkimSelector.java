package org.passerelle.dkim;

import java.time.YearMonth;
import java.util.Set;

/**
 * Names a new key's selector after the month it was made: {@code psl202612}. Keys rotate by
 * publishing the next month's selector beside the old one, so that both verify while mail signed
 * with the old one is in flight; a second key of the same month and domain gets a letter,
 * {@code psl202612b}, then {@code c}, and so on.
 */
public final class DkimSelector {

    static final String PREFIX = "psl";

    private DkimSelector() {
    }

    /** @param taken the selectors the domain has already (active or not) */
    public static String forMonth(YearMonth month, Set<String> taken) {
        String base = PREFIX + String.format("%04d%02d", month.getYear(), month.getMonthValue());
        if (!taken.contains(base)) {
            return base;
        }
        for (char suffix = 'b'; suffix <= 'z'; suffix++) {
            if (!taken.contains(base + suffix)) {
                return base + suffix;
            }
        }
        throw new IllegalStateException("25 keys made for one domain in " + month + ": no selector left");
    }
}
