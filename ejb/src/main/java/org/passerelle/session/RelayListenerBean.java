package org.passerelle.session;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

import org.jboss.ejb3.annotation.ResourceAdapter;
import org.passerelle.smtp.SmtpSessionListener;

/**
 * The {@code relay} SMTP listener (port 25 style: sender applications by their networks; AUTH
 * offered after STARTTLS only when {@code PSL_SMTPD_RELAY_AUTH} is true).
 */
@MessageDriven(messageListenerInterface = SmtpSessionListener.class, activationConfig = {
        @ActivationConfigProperty(propertyName = "listenerName", propertyValue = "relay"),
        @ActivationConfigProperty(propertyName = "mode", propertyValue = "relay"),
        @ActivationConfigProperty(propertyName = "port", propertyValue = "${psl.smtp.port}"),
        @ActivationConfigProperty(propertyName = "bindAddress", propertyValue = "${psl.smtp.bind-address}"),
        @ActivationConfigProperty(propertyName = "proxyNetworks", propertyValue = "${psl.smtp.proxy-networks}"),
        @ActivationConfigProperty(propertyName = "hostName", propertyValue = "${psl.hostname}"),
        @ActivationConfigProperty(propertyName = "messageSizeLimit", propertyValue = "${psl.smtp.message-size-limit}"),
        @ActivationConfigProperty(propertyName = "recipientLimit", propertyValue = "${psl.smtp.recipient-limit}"),
        @ActivationConfigProperty(propertyName = "clientConnectionLimit", propertyValue = "${psl.smtp.client-connection-limit}"),
        @ActivationConfigProperty(propertyName = "connectionLimit", propertyValue = "${psl.smtpd.connection-limit}"),
        @ActivationConfigProperty(propertyName = "relayAuth", propertyValue = "${psl.smtpd.relay-auth}"),
        @ActivationConfigProperty(propertyName = "keystorePath", propertyValue = "${psl.tls.keystore}"),
        @ActivationConfigProperty(propertyName = "keystorePassword", propertyValue = "${psl.tls.keystore-password}"),
        @ActivationConfigProperty(propertyName = "selfSignedKeystore", propertyValue = "${psl.tls.self-signed-keystore}")
})
@ResourceAdapter("passerelle.ear#smtp-connector.rar")
public class RelayListenerBean extends SmtpSessionBean {
}
