package org.passerelle.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.util.List;

import org.junit.jupiter.api.Test;

class DkimTxtRecordTest {

    private static byte[] publicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPublic().getEncoded();
    }

    @Test
    void theRecordIsNamedBySelectorUnderDomainkey() throws Exception {
        DkimTxtRecord record = DkimTxtRecord.of("managed.test", "psl202612", publicKey());
        assertEquals("psl202612._domainkey.managed.test", record.name());
        assertTrue(record.value().startsWith("v=DKIM1; k=rsa; p=MIIBIjAN"), record.value());
    }

    @Test
    void aLongValueIsCutInStringsOf255CharactersThatJoinBackToIt() throws Exception {
        DkimTxtRecord record = DkimTxtRecord.of("managed.test", "psl202612", publicKey());
        List<String> strings = record.strings();
        assertEquals(2, strings.size(), "a 2048-bit key's value is about 410 characters");
        assertEquals(255, strings.get(0).length());
        assertTrue(strings.get(1).length() <= 255);
        assertEquals(record.value(), String.join("", strings));
        assertEquals("psl202612._domainkey.managed.test. IN TXT ( \"" + strings.get(0) + "\" \"" + strings.get(1) + "\" )",
                record.zoneLine());
    }

    @Test
    void aShortValueIsOneStringAndExactly255IsStillOne() {
        assertEquals(List.of("v=DKIM1; k=rsa; p=AB"), new DkimTxtRecord("x", "v=DKIM1; k=rsa; p=AB").strings());
        String exact = "a".repeat(255);
        assertEquals(List.of(exact), new DkimTxtRecord("x", exact).strings());
        assertEquals(List.of(exact, "a"), new DkimTxtRecord("x", exact + "a").strings());
    }

    @Test
    void aPublishedRecordMatchesWhenItCarriesTheSameKey() throws Exception {
        DkimTxtRecord record = DkimTxtRecord.of("managed.test", "psl202612", publicKey());
        assertTrue(record.matches(record.value()));
        assertTrue(record.matches(record.value().replace("; ", ";").replace("p=", " p = ")));
        assertFalse(record.matches(DkimTxtRecord.of("managed.test", "psl202612", publicKey()).value()), "another key");
        assertFalse(record.matches("v=spf1 -all"));
    }
}
