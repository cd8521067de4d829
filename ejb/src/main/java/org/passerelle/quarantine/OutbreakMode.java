package org.passerelle.quarantine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.passerelle.audit.AuditLog;
import org.passerelle.directory.Requester;
import org.passerelle.queue.QueueOperationRefused;

/**
 * Outbreak mode, switched by central or operations for every node: while it is on, every message
 * with an attachment is quarantined instead of delivered (the signatures have not caught up yet);
 * switched off, the messages it quarantined are scanned again and the clean ones released. The
 * switch is a row in PostgreSQL ({@link OutbreakSwitch}).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutbreakMode {

    private static final Logger LOG = Logger.getLogger(OutbreakMode.class.getName());

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @EJB
    private AuditLog audit;

    @EJB
    private Quarantine quarantine;

    @Inject
    private OutbreakSwitch outbreakSwitch;

    private final Clock clock = Clock.systemUTC();

    /** The switch as this node knows it; when the database cannot say, the last known state. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean on() {
        return outbreakSwitch.on();
    }

    /**
     * Turns it on or off, audited; off releases what it quarantined, after a new scan.
     *
     * @return how many messages were released
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int turn(Requester requester, boolean turnOn) {
        if (!requester.operatesQueue()) {
            throw QueueOperationRefused.forbidden(requester.login() + " may not switch outbreak mode: operations and the central service do");
        }
        boolean before = on();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update content_switch set turned_on = ?, changed_by = ?, changed_at = ? where name = 'outbreak'")) {
            update.setBoolean(1, turnOn);
            update.setString(2, requester.login());
            update.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("outbreak mode could not be switched", e);
        }
        outbreakSwitch.turned(turnOn);
        audit.record(requester.login(), "outbreak." + (turnOn ? "on" : "off"), "outbreak", before ? "on" : "off", turnOn ? "on" : "off");
        LOG.warning(() -> "outbreak mode " + (turnOn ? "ON: every message with an attachment is quarantined" : "off") + ", by "
                + requester.login());
        return turnOn ? 0 : quarantine.releaseOutbreak(requester.login());
    }
}
