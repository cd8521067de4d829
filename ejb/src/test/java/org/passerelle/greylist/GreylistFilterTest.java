package org.passerelle.greylist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class GreylistFilterTest {

    @Test
    void noCriterionSelectsEverything() {
        assertEquals("", GreylistFilter.ALL.where(new ArrayList<>()));
    }

    @Test
    void criteriaAreParametersAndARecipientDomainsWildcardsAreEscaped() {
        List<Object> parameters = new ArrayList<>();
        String where = new GreylistFilter("192.0.2.0/24", null, "Dave@Managed.test", "my_domain.test", GreylistFilter.State.PENDING)
                .where(parameters);
        assertEquals(" where client_network = ? and recipient = ? and recipient like ? and passed_at is null", where);
        assertEquals(List.of("192.0.2.0/24", "dave@managed.test", "%@my\\_domain.test"), parameters);
    }
}
