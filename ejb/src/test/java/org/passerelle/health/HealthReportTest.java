package org.passerelle.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void upWhenEveryCheckIsUpEachNamedInOrder() {
        HealthReport report = HealthReport.of(List.of(new HealthReport.NamedCheck("messaging", () -> CheckResult.up("messaging")),
                new HealthReport.NamedCheck("database", () -> CheckResult.up("database"))));
        assertTrue(report.up());
        assertEquals(List.of("database", "messaging"), report.checks().stream().map(CheckResult::name).toList());
    }

    @Test
    void oneCheckDownIsTheNodeDown() {
        HealthReport report = HealthReport.of(List.of(new HealthReport.NamedCheck("database", () -> CheckResult.up("database")),
                new HealthReport.NamedCheck("directory", () -> CheckResult.down("directory", "the directory cannot be reached"))));
        assertFalse(report.up());
        assertEquals(CheckResult.down("directory", "the directory cannot be reached"), report.checks().get(1));
    }

    @Test
    void aCheckUpDespiteAnOutageKeepsTheNodeUpAndSaysWhatDoesNotAnswer() {
        CheckResult messaging = CheckResult.upDespite("messaging", "the broker does not answer (JMSRuntimeException)");
        HealthReport report = HealthReport.of(List.of(new HealthReport.NamedCheck("database", () -> CheckResult.up("database")),
                new HealthReport.NamedCheck("messaging", () -> messaging)));
        assertTrue(report.up(), "a shared broker's outage takes no node out of its load balancer");
        assertEquals("the broker does not answer (JMSRuntimeException)", report.checks().get(1).error());
    }

    @Test
    void aCheckThatThrowsIsDownWithTheKindOfFailureNotItsMessageAndTheOthersAreStillAsked() {
        HealthReport report = HealthReport.of(List.of(
                new HealthReport.NamedCheck("scanner", () -> {
                    throw new IllegalStateException("clamd at 10.1.2.3:3310 refused");
                }),
                new HealthReport.NamedCheck("database", () -> CheckResult.up("database"))));
        assertFalse(report.up());
        assertEquals(List.of(CheckResult.up("database"), CheckResult.down("scanner", "IllegalStateException")), report.checks());
    }
}
