package org.passerelle.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.passerelle.health.CheckResult;
import org.passerelle.health.ReadinessCheck;

/**
 * Ready unless clamd is needed and does not answer: a flow is checked by it and its failure defers
 * mail (fail closed), so that every message would get {@code 451 4.7.0}. Unused or fail open, it
 * does not keep the node from taking mail.
 */
@ApplicationScoped
public class ClamdReadiness implements ReadinessCheck {

    @Inject
    private ContentChecks checks;

    @Override
    public CheckResult check() {
        return checks.clamdMissed() ? CheckResult.down("clamd", "clamd does not answer") : CheckResult.up("clamd");
    }
}
