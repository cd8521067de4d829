package org.passerelle.session;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

import org.jboss.ejb3.annotation.ResourceAdapter;
import org.passerelle.smtp.SmtpSessionListener;

/** The {@code submissions} SMTP listener (port 465 style: TLS from the first byte, AUTH required before MAIL). */
@MessageDriven(messageListenerInterface = SmtpSessionListener.class, activationConfig = {
        @ActivationConfigProperty(propertyName = "listenerName", propertyValue = "submissions"),
        @ActivationConfigProperty(propertyName = "mode", propertyValue = "submissions"),
        @ActivationConfigProperty(propertyName = "port", propertyValue = "${psl.smtp.submissions-port}"),
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
public class SubmissionsListenerBean extends SmtpSessionBean {
}
