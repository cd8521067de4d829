package org.passerelle.content.spam;

import java.util.List;

/**
 * What spamd said of a message: its score, spamd's own threshold (ours are in {@link SpamRules}),
 * and the names of the rules that fired.
 */
public record SpamReport(double score, double spamdThreshold, List<String> rules) {

    public SpamReport {
        rules = List.copyOf(rules);
    }
}
