package org.passerelle.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.passerelle.delivery.DeliveryWorkers;

/**
 * Alive while every delivery worker thread runs: a dead one no longer delivers, which a restart
 * mends. Asks nothing of the database or the directory, whose outages are readiness, not life.
 */
@Liveness
@ApplicationScoped
public class DeliveryLiveness implements HealthCheck {

    @EJB
    private DeliveryWorkers workers;

    @Override
    public HealthCheckResponse call() {
        long stopped = workers.stoppedWorkers();
        return HealthCheckResponse.named("delivery-workers").status(stopped == 0).withData("stopped", stopped).build();
    }
}
