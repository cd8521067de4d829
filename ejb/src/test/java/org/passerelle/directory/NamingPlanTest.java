package org.passerelle.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class NamingPlanTest {

    private static ManagedDomain planned(String name, String... forms) {
        return new ManagedDomain(name, ManagedDomain.Kind.LOCAL, null, null, List.of(),
                List.of(forms).stream().map(form -> SenderForm.parse(form, name)).toList());
    }

    private final List<ManagedDomain> domains = List.of(
            planned("example.test", "{application}@apps.{domain}", "noreply-{application}@{domain}"),
            new ManagedDomain("free.test", ManagedDomain.Kind.LOCAL, null));

    @Test
    void sendersInThePlanPass() {
        CheckResult result = NamingPlan.check("billing", List.of("billing@apps.example.test", "NOREPLY-billing@Example.Test"), domains);
        assertTrue(result.passed(), result.toString());
        assertEquals("senders-follow-naming-plan", result.name());
    }

    @Test
    void aSenderOutsideThePlanFailsNamingTheExpectedForms() {
        CheckResult result = NamingPlan.check("billing", List.of("billing@apps.example.test", "invoices@example.test"), domains);
        assertFalse(result.passed());
        assertEquals("not in the naming plan: invoices@example.test (example.test expects billing@apps.example.test"
                + " or noreply-billing@example.test)", result.message());
    }

    @Test
    void aDomainWithoutAPlanPassesAndSaysSo() {
        CheckResult result = NamingPlan.check("billing", List.of("anything@free.test", "<>"), domains);
        assertTrue(result.passed());
        assertEquals("no naming plan applies: the senders' domains have none", result.message());
    }

    @Test
    void theMostSpecificManagedDomainsPlanApplies() {
        List<ManagedDomain> nested = List.of(planned("example.test", "{application}@{domain}"),
                planned("hr.example.test", "hr-{application}@{domain}"));
        assertTrue(NamingPlan.check("pay", List.of("hr-pay@hr.example.test"), nested).passed());
        assertFalse(NamingPlan.check("pay", List.of("pay@hr.example.test"), nested).passed());
        assertTrue(NamingPlan.check("pay", List.of("pay@example.test"), nested).passed());
    }

    @Test
    void theApplicationsNameIsTheOneChecked() {
        assertFalse(NamingPlan.check("payroll", List.of("billing@apps.example.test"), domains).passed());
    }
}
