package org.passerelle.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.passerelle.delivery.DeliveryWorkers;

/**
 * Alive while every delivery worker thread runs: a dead one no longer delivers, which a restart
 * mends. Asks nothing of the database or the directory, whose outages are readiness, not life.
 */
@ApplicationScoped
public class DeliveryLiveness implements LivenessCheck {

    @EJB
    private DeliveryWorkers workers;

    @Override
    public CheckResult check() {
        long stopped = workers.stoppedWorkers();
        return stopped == 0 ? CheckResult.up("delivery-workers")
                : CheckResult.down("delivery-workers", stopped + " delivery workers stopped");
    }
}
