package org.passerelle.hygiene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class RequestLinkTest {

    private final RequestLink links = new RequestLink("https://relay.example.org:8443/console/");

    @Test
    void aStaleApplicationsLinkAsksForItsDeletion() {
        StaleFinding stale = new StaleFinding("old-app", "it", true, List.of("10.1.0.0/24"), List.of(), null, null);

        assertEquals("https://relay.example.org:8443/console/request-form.xhtml?kind=delete-application&application=old-app"
                + "&comment=Not+used+for+the+stale+period%3A+remove+the+application", links.removal(stale));
    }

    @Test
    void staleNetworksAreRemovedByAModificationKeepingTheOthers() {
        StaleFinding stale = new StaleFinding("billing", "finance", false, List.of("10.21.0.0/24"),
                List.of("10.20.0.0/24", "2001:db8:20::/56"), null, null);

        assertEquals("https://relay.example.org:8443/console/request-form.xhtml?kind=modify-application&application=billing"
                + "&networks=10.20.0.0%2F24+2001%3Adb8%3A20%3A%3A%2F56&comment=Not+used+for+the+stale+period%3A+remove+10.21.0.0%2F24",
                links.removal(stale));
    }

    @Test
    void aRenewalIsAModificationOfTheApplication() {
        assertEquals("https://relay.example.org:8443/console/request-form.xhtml?kind=modify-application&application=billing"
                + "&comment=Renewal%3A+the+application+expires+on+2027-03-31", links.renewal("billing", LocalDate.parse("2027-03-31")));
    }
}
