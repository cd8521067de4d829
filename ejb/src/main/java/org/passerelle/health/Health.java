package org.passerelle.health;

import java.util.Locale;
import java.util.stream.StreamSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Liveness and readiness of this node: every {@link LivenessCheck} and {@link ReadinessCheck} bean
 * of the EAR, asked at each probe. (WildFly's MicroProfile Health does not find checks in an
 * EAR's modules, WFLY-12835: hence these interfaces and {@code /api/health}.)
 */
@ApplicationScoped
public class Health {

    @Inject
    @Any
    private Instance<ReadinessCheck> readiness;

    @Inject
    @Any
    private Instance<LivenessCheck> liveness;

    public HealthReport ready() {
        return HealthReport.of(StreamSupport.stream(readiness.spliterator(), false)
                .map(check -> new HealthReport.NamedCheck(name(check), check::check)).toList());
    }

    public HealthReport live() {
        return HealthReport.of(StreamSupport.stream(liveness.spliterator(), false)
                .map(check -> new HealthReport.NamedCheck(name(check), check::check)).toList());
    }

    /** {@code DirectoryReadiness} → {@code directory}, for a check that throws before naming itself. */
    private static String name(Object check) {
        String simple = check.getClass().getSimpleName().replaceAll("\\$.*", "");
        return simple.replaceAll("(Readiness|Liveness)$", "").toLowerCase(Locale.ROOT);
    }

}
