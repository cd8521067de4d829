package org.passerelle.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import jakarta.ejb.EJB;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.directory.DirectorySnapshot;
import org.passerelle.directory.ManagedDomain;
import org.passerelle.directory.RelayDirectory;
import org.passerelle.directory.SenderApplication;

/** The relay directory as the server reads it from the private slapd's sample data. */
@ExtendWith(ArquillianExtension.class)
class DirectoryIT {

    @Deployment
    static WebArchive deployment() {
        return PasserelleTestArchive.of("directory-it", DirectoryIT.class);
    }

    @EJB(lookup = "java:global/passerelle/ejb/RelayDirectory")
    private RelayDirectory directory;

    private String applicationFor(String client) throws Exception {
        return directory.current().activeApplicationFor(InetAddress.getByName(client)).map(SenderApplication::name).orElse("none");
    }

    @Test
    void findsTheActiveApplicationWhoseNetworksHoldTheClient() throws Exception {
        assertEquals("billing", applicationFor("127.0.0.1"));
        assertEquals("billing", applicationFor("10.20.0.200"));
        assertEquals("billing", applicationFor("2001:db8:20:1::5"));
        assertEquals("hr-portal", applicationFor("10.30.0.7"));
    }

    @Test
    void neitherUnregisteredNorSuspendedClientsHaveAnApplication() throws Exception {
        assertEquals("none", applicationFor("127.0.0.2"));
        assertEquals("none", applicationFor("127.0.0.3"));
        assertEquals("none", applicationFor("10.40.0.1"));
    }

    @Test
    void readsTheApplicationsAllowedSenders() {
        SenderApplication billing = directory.current().applications().stream()
                .filter(app -> app.name().equals("billing")).findFirst().orElseThrow();
        assertEquals(List.of("billing@managed.test", "@billing.managed.test"), billing.allowedSenders());
        assertEquals(3, billing.networks().size());
    }

    @Test
    void readsTheManagedDomainsAndTheirKind() {
        DirectorySnapshot snapshot = directory.current();
        assertEquals(ManagedDomain.Kind.LOCAL, snapshot.managedDomain("managed.test").orElseThrow().kind());
        assertEquals(ManagedDomain.Kind.RELAY, snapshot.managedDomain("CORP.test").orElseThrow().kind());
        assertTrue(snapshot.managedDomain("external.test").isEmpty());
    }
}
