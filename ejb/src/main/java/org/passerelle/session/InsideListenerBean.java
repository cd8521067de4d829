package org.passerelle.session;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

import org.jboss.ejb3.annotation.ResourceAdapter;
import org.passerelle.smtp.SmtpSessionListener;

/**
 * The {@code inside} listener: no port. Deployments on this server submit mail through the
 * connector's mail submission factory ({@code java:/smtp/MailSubmission}, docs/sending-from-inside.md),
 * which puts each message to this bean stage by stage as an SMTP session would: the same policy,
 * content checks, spool and tracking as the other listeners, as the application the connection
 * definition names.
 */
@MessageDriven(messageListenerInterface = SmtpSessionListener.class, activationConfig = {
        @ActivationConfigProperty(propertyName = "listenerName", propertyValue = "inside"),
        @ActivationConfigProperty(propertyName = "mode", propertyValue = "inside")
})
@ResourceAdapter("passerelle.ear#smtp-connector.rar")
public class InsideListenerBean extends SmtpSessionBean {
}
