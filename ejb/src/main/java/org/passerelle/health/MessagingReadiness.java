package org.passerelle.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

/** Ready when Artemis gives a session on which the delivery queue can be browsed. */
@ApplicationScoped
public class MessagingReadiness implements ReadinessCheck {

    @Resource(lookup = "java:/JmsXA")
    private ConnectionFactory factory;

    @Resource(lookup = "java:/jms/queue/Delivery")
    private Queue queue;

    @Override
    public CheckResult check() {
        try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = context.createBrowser(queue)) {
            browser.getEnumeration();
            return CheckResult.up("messaging");
        } catch (JMSRuntimeException | JMSException e) {
            return CheckResult.down("messaging", e.getClass().getSimpleName());
        }
    }
}
