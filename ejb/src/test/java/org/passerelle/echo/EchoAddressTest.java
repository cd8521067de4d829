package org.passerelle.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.passerelle.directory.ManagedDomain;
import org.passerelle.smtp.MailAddress;

class EchoAddressTest {

    private static final List<ManagedDomain> DOMAINS = List.of(new ManagedDomain("managed.test", ManagedDomain.Kind.LOCAL, null),
            new ManagedDomain("corp.test", ManagedDomain.Kind.RELAY, "[mail.corp.test]:25"));

    @Test
    void theDefaultIsEchoAtTheFirstManagedDomain() {
        assertEquals(Optional.of(MailAddress.parse("echo@managed.test")), EchoAddress.of("echo@").in(DOMAINS));
    }

    @Test
    void aWholeAddressIsUsedAsItIs() {
        assertEquals(Optional.of(MailAddress.parse("check@corp.test")), EchoAddress.of(" check@Corp.test ").in(DOMAINS));
    }

    @Test
    void anEmptySettingTurnsTheEchoOff() {
        assertEquals(Optional.empty(), EchoAddress.of("").in(DOMAINS));
        assertFalse(EchoAddress.of("").is(MailAddress.parse("echo@managed.test"), DOMAINS));
    }

    @Test
    void noManagedDomainMeansNoDefaultAddress() {
        assertEquals(Optional.empty(), EchoAddress.of("echo@").in(List.of()));
    }

    @Test
    void theLocalPartComparesWithoutCase() {
        assertTrue(EchoAddress.of("echo@").is(MailAddress.parse("ECHO@Managed.Test"), DOMAINS));
        assertFalse(EchoAddress.of("echo@").is(MailAddress.parse("echo@corp.test"), DOMAINS));
        assertFalse(EchoAddress.of("echo@").is(MailAddress.parse("echoes@managed.test"), DOMAINS));
    }

    @Test
    void findsTheEchoAmongTheRecipientsAsTheClientWroteIt() {
        MailAddress written = MailAddress.parse("Echo@managed.test");
        assertEquals(Optional.of(written), EchoAddress.of("echo@")
                .among(List.of(MailAddress.parse("dave@managed.test"), written), DOMAINS));
        assertEquals(Optional.empty(), EchoAddress.of("echo@").among(List.of(MailAddress.parse("dave@managed.test")), DOMAINS));
    }

    @Test
    void aSettingThatIsNoAddressIsRefusedNamingIt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> EchoAddress.of("echo at managed"));
        assertTrue(refused.getMessage().contains("PSL_ECHO_ADDRESS"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EchoAddress.of("@managed.test"));
    }
}
