package org.passerelle.rate;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.passerelle.audit.AuditLog;
import org.passerelle.settings.Setting;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.spool.HeldContent;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;

/**
 * Sends a rate alert once per hour per subject and level across the nodes: claims it in table
 * {@code rate_alert}, then logs it, records it in the audit log and mails it to operations
 * ({@code PSL_OPERATIONS_ADDRESS}) from the null sender, all in one transaction: an alert whose
 * notice could not be queued is claimed again at the next flush.
 */
@Stateless
public class RateAlerts {

    private static final Logger LOG = Logger.getLogger(RateAlerts.class.getName());
    /** The actor of the audit rows: the gateway itself. */
    static final String ACTOR = "passerelle";

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @EJB
    private AuditLog audit;

    @EJB
    private Spool spool;

    /**
     * @param since alerts of the same subject and level sent after it are not sent again
     * @return whether it was sent (not already within the hour)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean raise(RateAlert alert, String operations, Instant now, Instant since) {
        try (Connection db = dataSource.getConnection()) {
            if (!new RateTables(db).claim(alert, now, since)) {
                return false;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("claiming a rate alert failed", e);
        }
        LOG.warning(() -> "rate " + alert.level().key() + ": " + alert.text());
        audit.record(ACTOR, "rate." + alert.level().key(), alert.key().kind().key() + " " + alert.key().subject(),
                "threshold " + alert.threshold(), alert.count() + " in the last hour");
        MailAddress to = MailAddress.parse(operations);
        String hostname = Setting.text("psl.hostname");
        QueueId id = spool.submit(new Envelope(null, List.of(to), Map.of()),
                new HeldContent(RateAlertNotice.message(alert, to, hostname, now)));
        LOG.info(() -> "rate " + alert.level().key() + " about " + alert.key().subject() + ": notice " + id + " to " + to);
        return true;
    }
}
