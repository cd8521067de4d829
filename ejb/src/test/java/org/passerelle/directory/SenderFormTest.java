package org.passerelle.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SenderFormTest {

    @Test
    void applicationPlaceholderStandsForTheApplicationsName() {
        SenderForm form = SenderForm.parse("{application}@apps.example.test", "example.test");
        assertTrue(form.matches("billing@apps.example.test", "billing", "example.test"));
        assertFalse(form.matches("payroll@apps.example.test", "billing", "example.test"));
        assertFalse(form.matches("billing@example.test", "billing", "example.test"));
        assertEquals("billing@apps.example.test", form.expected("billing", "example.test"));
    }

    @Test
    void domainPlaceholderStandsForTheManagedDomain() {
        SenderForm form = SenderForm.parse("noreply-{application}@{domain}", "example.test");
        assertTrue(form.matches("noreply-billing@example.test", "billing", "example.test"));
        assertEquals("noreply-billing@example.test", form.expected("billing", "example.test"));
    }

    @Test
    void matchingIgnoresCaseOfDomainSenderAndApplication() {
        SenderForm form = SenderForm.parse("{application}@Apps.Example.TEST", "example.test");
        assertTrue(form.matches("Billing@APPS.example.test", "BILLING", "Example.Test"));
    }

    @Test
    void wholeDomainFormsMatchWholeDomainSenders() {
        SenderForm form = SenderForm.parse("@{application}.example.test", "example.test");
        assertTrue(form.matches("@billing.example.test", "billing", "example.test"));
        assertFalse(form.matches("x@billing.example.test", "billing", "example.test"));
    }

    @Test
    void starStandsForAnyLocalPartButNeverCrossesTheAt() {
        SenderForm form = SenderForm.parse("{application}-*@example.test", "example.test");
        assertTrue(form.matches("billing-alerts@example.test", "billing", "example.test"));
        assertFalse(form.matches("billing-@example.test", "billing", "example.test"));
        assertFalse(form.matches("billing-a@b@example.test", "billing", "example.test"));
    }

    @Test
    void formTextIsLiteralNeverARegularExpression() {
        SenderForm form = SenderForm.parse("app.{application}@example.test", "example.test");
        assertFalse(form.matches("appxbilling@example.test", "billing", "example.test"), "a dot is a dot");
        assertFalse(SenderForm.parse("a+@example.test", "example.test").matches("aaa@example.test", "x", "example.test"));
        assertTrue(SenderForm.read("(.*)|x@example.test").matches("(.*)|x@example.test", "x", "example.test"));
        assertFalse(SenderForm.read("(.*)|x@example.test").matches("anything@example.test", "x", "example.test"));
    }

    @Test
    void applicationNamesAreLiteralToo() {
        SenderForm form = SenderForm.parse("{application}@example.test", "example.test");
        assertFalse(form.matches("bxlling@example.test", "b.lling", "example.test"));
        assertFalse(form.matches("bzzz@example.test", "b*", "example.test"));
        assertTrue(form.matches("b*@example.test", "b*", "example.test"));
    }

    @Test
    void refusesFormsOutsideTheDomainOrWithUnknownPlaceholders() {
        assertThrows(IllegalArgumentException.class, () -> SenderForm.parse("{application}@other.test", "example.test"));
        assertThrows(IllegalArgumentException.class, () -> SenderForm.parse("{app}@example.test", "example.test"));
        assertThrows(IllegalArgumentException.class, () -> SenderForm.parse("{application}", "example.test"));
        assertThrows(IllegalArgumentException.class, () -> SenderForm.parse("a@b@example.test", "example.test"));
        assertThrows(IllegalArgumentException.class, () -> SenderForm.parse("x@*.example.test", "example.test"));
        assertThrows(IllegalArgumentException.class, () -> SenderForm.parse("x y@example.test", "example.test"));
        assertThrows(IllegalArgumentException.class, () -> SenderForm.parse("x@{application}example.test", "example.test"));
        assertEquals("x@sub.example.test", SenderForm.parse(" X@Sub.Example.test ", "example.test").toString());
    }
}
