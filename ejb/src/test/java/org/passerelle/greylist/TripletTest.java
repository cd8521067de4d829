package org.passerelle.greylist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MailAddress;

class TripletTest {

    private static final MailAddress SENDER = MailAddress.parse("Alice+x@Example.org");
    private static final MailAddress RECIPIENT = MailAddress.parse("Dave@Managed.test");

    @Test
    void anIpv4ClientIsKeptByItsNetworkOfTheConfiguredPrefix() throws Exception {
        assertEquals(new Triplet("192.0.2.0/24", "alice@example.org", "dave@managed.test"),
                Triplet.of(InetAddress.getByName("192.0.2.77"), SENDER, RECIPIENT, 24, 64));
        assertEquals("192.0.2.64/28", Triplet.of(InetAddress.getByName("192.0.2.77"), SENDER, RECIPIENT, 28, 64).network());
    }

    @Test
    void anIpv6ClientIsKeptByItsSlash64() throws Exception {
        assertEquals("2001:db8:1:2:0:0:0:0/64",
                Triplet.of(InetAddress.getByName("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), SENDER, RECIPIENT, 24, 64).network());
        assertEquals("2001:db8:0:0:0:0:0:0/48",
                Triplet.of(InetAddress.getByName("2001:db8:0:2::1"), SENDER, RECIPIENT, 24, 48).network());
    }

    @Test
    void anIpv4MappedIpv6ClientIsTheIpv4ClientItCarries() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 192;
        mapped[13] = 0;
        mapped[14] = 2;
        mapped[15] = 77;
        // InetAddress.getByAddress would unmap it itself; Inet6Address keeps the IPv6 form a socket may give
        InetAddress client = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertEquals("192.0.2.0/24", Triplet.of(client, SENDER, RECIPIENT, 24, 64).network());
    }
}
