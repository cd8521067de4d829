package org.passerelle.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChangeRequestsTest {

    @Test
    void aFailedCheckIsShownNextToTheFieldItIsAbout() {
        assertEquals("networks", ChangeRequests.fieldChecked("networks-not-held"));
        assertEquals("networks", ChangeRequests.fieldChecked("network-prefix-lengths"));
        assertEquals("allowedSenders", ChangeRequests.fieldChecked("allowed-senders-managed"));
        assertEquals("gateways", ChangeRequests.fieldChecked("gateways-exist"));
        assertEquals("managers", ChangeRequests.fieldChecked("managers-exist"));
        assertEquals("entity", ChangeRequests.fieldChecked("entity-exists"));
        assertEquals("application", ChangeRequests.fieldChecked("application-name-free"));
    }
}
