package org.passerelle.delivery;

import java.util.EnumSet;
import java.util.Set;

import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageDsn;
import org.passerelle.smtp.RecipientDsn;
import org.passerelle.smtp.client.DsnNotify;
import org.passerelle.smtp.client.DsnReturn;
import org.passerelle.smtp.client.MailTransaction;
import org.passerelle.smtp.client.Recipient;

/**
 * The sender's DSN request as the next hop hears it. A relay that hands a message to a next hop
 * offering DSN passes NOTIFY, ORCPT, RET and ENVID on as they were given (RFC 3461 §5.2.1), so the
 * notices of later hops reach the sender as asked; the SMTP client leaves them out for a next hop
 * that does not offer DSN.
 */
final class NextHopDsn {

    private static final String RFC_822 = "rfc822";

    private NextHopDsn() {
    }

    static MailTransaction withMessageDsn(MailTransaction transaction, MessageDsn dsn) {
        DsnReturn ret = dsn.ret() == null ? null : DsnReturn.valueOf(dsn.ret().name());
        return transaction.withDsn(ret, dsn.envelopeId());
    }

    /**
     * The recipient with its NOTIFY and ORCPT. The SMTP client writes every ORCPT as an
     * {@code rfc822} address, so an ORCPT of another address type is not passed on rather than
     * passed on as what it is not.
     */
    static Recipient recipient(MailAddress address, RecipientDsn dsn) {
        Set<DsnNotify> notifyOn = EnumSet.noneOf(DsnNotify.class);
        dsn.notifyOn().forEach(event -> notifyOn.add(DsnNotify.valueOf(event.name())));
        String original = RFC_822.equalsIgnoreCase(dsn.originalRecipientType()) ? dsn.originalRecipient() : null;
        return new Recipient(address, notifyOn, original);
    }
}
