package org.passerelle.policy;

import org.passerelle.smtp.Verdict;

/** A policy verdict and the rule that made it, so that every decision can be logged with its reason. */
public record PolicyDecision(Verdict verdict, String rule) {

    public boolean accepted() {
        return verdict.accepted();
    }
}
