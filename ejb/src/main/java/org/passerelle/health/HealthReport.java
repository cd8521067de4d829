package org.passerelle.health;

import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/** The answers of a probe's checks: up when every one is, each named, in name order. */
public record HealthReport(boolean up, List<CheckResult> checks) {

    /**
     * Asks each check; one that throws is down with the exception's kind (its message may name
     * internals), and does not keep the others from being asked.
     */
    public static HealthReport of(List<NamedCheck> checks) {
        List<CheckResult> results = checks.stream().map(HealthReport::ask)
                .sorted(Comparator.comparing(CheckResult::name)).toList();
        return new HealthReport(results.stream().allMatch(CheckResult::up), results);
    }

    /** A check and the name it is reported under if it throws before answering. */
    public record NamedCheck(String name, Supplier<CheckResult> check) {
    }

    private static CheckResult ask(NamedCheck check) {
        try {
            return check.check().get();
        } catch (RuntimeException e) {
            return CheckResult.down(check.name(), e.getClass().getSimpleName());
        }
    }
}
