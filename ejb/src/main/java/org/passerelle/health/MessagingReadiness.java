package org.passerelle.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

/**
 * Whether Artemis gives a session on which the delivery queue can be browsed: the embedded broker,
 * or the one the nodes of a cluster share. A broker that does not answer does not make the node
 * unready: it carries only wake-ups, which are best-effort (the delivery workers' scan finds what
 * is due within a second), so the node still takes and delivers mail; the check says so in its
 * error, and a shared broker's outage does not take every node out of its load balancer.
 */
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
            return CheckResult.upDespite("messaging", "the broker does not answer (" + e.getClass().getSimpleName()
                    + "): messages made due by operators wait for the workers' next scan");
        }
    }
}
