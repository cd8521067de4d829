package org.passerelle.content.spam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The operators' rules: 5 and above HIGH and tagged, 4 to 5 MEDIUM, 3 to 4 LOW. */
class SpamRulesTest {

    private final SpamRules rules = new SpamRules(5, 4, 3, null);

    @Test
    void eachThresholdStartsItsLevel() {
        assertEquals(SpamLevel.NONE, rules.level(2.9));
        assertEquals(SpamLevel.LOW, rules.level(3.0));
        assertEquals(SpamLevel.LOW, rules.level(3.9));
        assertEquals(SpamLevel.MEDIUM, rules.level(4.0));
        assertEquals(SpamLevel.MEDIUM, rules.level(4.99));
        assertEquals(SpamLevel.HIGH, rules.level(5.0));
        assertEquals(SpamLevel.HIGH, rules.level(1005.2));
    }

    @Test
    void onlyHighIsTagged() {
        assertFalse(rules.tagsSubject(4.99));
        assertTrue(rules.tagsSubject(5));
    }

    @Test
    void noRefusalUnlessAScoreIsSet() {
        assertFalse(rules.refuses(1005.2));
        SpamRules refusing = new SpamRules(5, 4, 3, 15.0);
        assertFalse(refusing.refuses(14.9));
        assertTrue(refusing.refuses(15));
    }

    @Test
    void aRejectScoreBelowTheTagScoreIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SpamRules(5, 4, 3, 4.0));
    }
}
