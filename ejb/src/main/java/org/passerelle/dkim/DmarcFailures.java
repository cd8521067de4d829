package org.passerelle.dkim;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.passerelle.directory.Requester;
import org.passerelle.directory.Visibility;

/**
 * The applications whose mail would fail DMARC over a period, from the alignment kept with each
 * accepted message (so within the tracking rows' lifetime, {@code PSL_TRACKING_DAYS}): most failing
 * first. The central service, operations and auditors see every application; managers and owners theirs.
 */
@Stateless
public class DmarcFailures {

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @EJB
    private Visibility visibility;

    public List<DmarcFailure> between(Requester requester, Instant from, Instant until) {
        List<DmarcFailure> all = between(from, until);
        if (requester.seesEverything()) {
            return all;
        }
        Set<String> mine = visibility.of(requester.login()).applications();
        return all.stream().filter(failure -> mine.contains(failure.application())).toList();
    }

    /** Every application's, for the monthly report. */
    public List<DmarcFailure> between(Instant from, Instant until) {
        try (Connection db = dataSource.getConnection()) {
            return between(db, from, until);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the DMARC alignment of application mail failed", e);
        }
    }

    static List<DmarcFailure> between(Connection db, Instant from, Instant until) throws SQLException {
        Map<String, long[]> counts = new LinkedHashMap<>();
        try (PreparedStatement select = db.prepareStatement("select application, count(*),"
                + " sum(case when spf_aligned = false and dkim_aligned = false then 1 else 0 end) as failing"
                + " from message where received_at >= ? and received_at < ? and application is not null and spf_aligned is not null"
                + " group by application order by failing desc, application")) {
            select.setTimestamp(1, Timestamp.from(from));
            select.setTimestamp(2, Timestamp.from(until));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (rows.getLong(3) > 0) {
                        counts.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3)});
                    }
                }
            }
        }
        Map<String, Set<String>> fromDomains = new LinkedHashMap<>();
        Map<String, Set<String>> envelopeDomains = new LinkedHashMap<>();
        if (!counts.isEmpty()) {
            try (PreparedStatement select = db.prepareStatement("select distinct application, header_from_domain, sender from message"
                    + " where received_at >= ? and received_at < ? and application is not null"
                    + " and spf_aligned = false and dkim_aligned = false")) {
                select.setTimestamp(1, Timestamp.from(from));
                select.setTimestamp(2, Timestamp.from(until));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String application = rows.getString(1);
                        fromDomains.computeIfAbsent(application, a -> new TreeSet<>())
                                .add(rows.getString(2) == null ? "(no From:)" : rows.getString(2));
                        String sender = rows.getString(3);
                        envelopeDomains.computeIfAbsent(application, a -> new TreeSet<>())
                                .add(sender == null || sender.indexOf('@') < 0 ? "<>" : sender.substring(sender.lastIndexOf('@') + 1));
                    }
                }
            }
        }
        List<DmarcFailure> failures = new ArrayList<>();
        counts.forEach((application, count) -> failures.add(new DmarcFailure(application, count[0], count[1],
                List.copyOf(fromDomains.getOrDefault(application, Set.of())), List.copyOf(envelopeDomains.getOrDefault(application, Set.of())))));
        return failures;
    }
}
