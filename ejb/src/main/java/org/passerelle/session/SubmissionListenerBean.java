package org.passerelle.session;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

import org.jboss.ejb3.annotation.ResourceAdapter;
import org.passerelle.smtp.SmtpSessionListener;

/** The {@code submission} SMTP listener (port 587 style: STARTTLS, then AUTH required before MAIL). */
@MessageDriven(messageListenerInterface = SmtpSessionListener.class, activationConfig = {
        @ActivationConfigProperty(propertyName = "listenerName", propertyValue = "submission"),
        @ActivationConfigProperty(propertyName = "mode", propertyValue = "submission"),
        @ActivationConfigProperty(propertyName = "port", propertyValue = "${psl.smtp.submission-port}"),
        @ActivationConfigProperty(propertyName = "bindAddress", propertyValue = "${psl.smtp.bind-address}"),
        @ActivationConfigProperty(propertyName = "proxyNetworks", propertyValue = "${psl.smtp.proxy-networks}"),
        @ActivationConfigProperty(propertyName = "hostName", propertyValue = "${psl.hostname}"),
        @ActivationConfigProperty(propertyName = "messageSizeLimit", propertyValue = "${psl.smtp.message-size-limit}"),
        @ActivationConfigProperty(propertyName = "recipientLimit", propertyValue = "${psl.smtp.recipient-limit}"),
        @ActivationConfigProperty(propertyName = "clientConnectionLimit", propertyValue = "${psl.smtp.client-connection-limit}"),
        @ActivationConfigProperty(propertyName = "connectionLimit", propertyValue = "${psl.smtpd.connection-limit}"),
        @ActivationConfigProperty(propertyName = "keystorePath", propertyValue = "${psl.tls.keystore}"),
        @ActivationConfigProperty(propertyName = "keystorePassword", propertyValue = "${psl.tls.keystore-password}"),
        @ActivationConfigProperty(propertyName = "selfSignedKeystore", propertyValue = "${psl.tls.self-signed-keystore}")
})
@ResourceAdapter("passerelle.ear#smtp-connector.rar")
public class SubmissionListenerBean extends SmtpSessionBean {
}
