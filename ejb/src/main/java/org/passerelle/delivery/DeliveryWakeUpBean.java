package org.passerelle.delivery;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Takes wake-ups off the delivery queue ({@link DeliveryQueue}) and wakes this node's delivery workers. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/Delivery"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
        // a shared broker that went away (standalone-cluster.xml): its consumer reconnects by itself, and
        // takes wake-ups again once the broker is back; the connections that send fail at once instead
        @ActivationConfigProperty(propertyName = "reconnectAttempts", propertyValue = "-1")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryWakeUpBean implements MessageListener {

    @Inject
    private DeliveryWakeUps workers;

    @Override
    public void onMessage(Message wakeUp) {
        workers.wake();
    }
}
