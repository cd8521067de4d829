package org.passerelle.smtp.client.protocol;

import java.util.stream.Collectors;

import org.passerelle.smtp.client.BodyType;
import org.passerelle.smtp.client.MailTransaction;
import org.passerelle.smtp.client.Recipient;

/**
 * The MAIL and RCPT commands of a transaction, with the parameters of the extensions the next
 * hop offers and the message needs; a parameter of an extension not offered is left out.
 */
final class MailCommands {

    private MailCommands() {
    }

    static String mailFrom(MailTransaction transaction, ServerExtensions extensions) {
        StringBuilder command = new StringBuilder("MAIL FROM:<").append(transaction.senderText()).append('>');
        if (extensions.offers("SIZE")) {
            command.append(" SIZE=").append(transaction.size());
        }
        if (transaction.body() == BodyType.EIGHT_BIT_MIME && extensions.offers("8BITMIME")) {
            command.append(" BODY=8BITMIME");
        }
        if (transaction.needsSmtpUtf8() && extensions.offers("SMTPUTF8")) {
            command.append(" SMTPUTF8");
        }
        if (extensions.offers("DSN")) {
            if (transaction.dsnReturn() != null) {
                command.append(" RET=").append(transaction.dsnReturn());
            }
            if (transaction.envelopeId() != null) {
                command.append(" ENVID=").append(Xtext.encode(transaction.envelopeId()));
            }
        }
        return command.toString();
    }

    static String rcptTo(Recipient recipient, ServerExtensions extensions) {
        StringBuilder command = new StringBuilder("RCPT TO:<").append(recipient.address()).append('>');
        if (extensions.offers("DSN")) {
            if (!recipient.notifyOn().isEmpty()) {
                command.append(" NOTIFY=").append(recipient.notifyOn().stream().sorted().map(Enum::name)
                        .collect(Collectors.joining(",")));
            }
            if (recipient.originalRecipient() != null) {
                command.append(" ORCPT=rfc822;").append(Xtext.encode(recipient.originalRecipient()));
            }
        }
        return command.toString();
    }
}
