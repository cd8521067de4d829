package org.passerelle.it.bench;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Takes the probe queue's messages off as the delivery bean would, so that the queue stays short
 * (as Passerelle's does) instead of paging to disk.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:global/jms/AcceptanceProbe"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
public class ProbeDrain implements MessageListener {

    @Override
    public void onMessage(Message message) {
        // taking it off the queue, in the container's transaction, is the cost being reproduced
    }
}
