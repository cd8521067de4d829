package org.passerelle.greylist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * The greylist's rows in PostgreSQL (or the run mode's H2). A triplet is decided in a transaction of
 * its own: its row is added if missing ({@code INSERT ... ON CONFLICT DO NOTHING}) and locked
 * ({@code SELECT ... FOR UPDATE}) before the rules see it, so two sessions, on one node or two,
 * racing on one triplet make one row and are decided one after the other. Every database failure
 * is a {@link GreylistUnavailableException}.
 */
@Stateless
public class GreylistStore {

    private static final String TRIPLET_COLUMNS = "client_network, sender, recipient, first_seen, last_seen, passed_at, passes";
    private static final String TRIPLET_KEY = "client_network = ? and sender = ? and recipient = ?";

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    /** One triplet decided by the rules, and the network's passes counted when it passes. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public GreylistRules.Step decide(Triplet triplet, Instant now, GreylistRules rules, AutoAllow autoAllow) {
        try (Connection db = dataSource.getConnection()) {
            try (PreparedStatement insert = db.prepareStatement("insert into greylist_triplet (" + TRIPLET_COLUMNS
                    + ") values (?, ?, ?, ?, ?, null, 0) on conflict do nothing")) {
                key(insert, triplet);
                insert.setObject(4, time(now));
                insert.setObject(5, time(now));
                if (insert.executeUpdate() == 1) {
                    return rules.decide(null, now);
                }
            }
            GreylistRules.Step step = rules.decide(lockedTriplet(db, triplet), now);
            try (PreparedStatement update = db.prepareStatement("update greylist_triplet set first_seen = ?, last_seen = ?,"
                    + " passed_at = ?, passes = ? where " + TRIPLET_KEY)) {
                TripletState next = step.next();
                update.setObject(1, time(next.firstSeen()));
                update.setObject(2, time(next.lastSeen()));
                update.setObject(3, next.passedAt() == null ? null : time(next.passedAt()));
                update.setInt(4, next.passes());
                update.setString(5, triplet.network());
                update.setString(6, triplet.sender());
                update.setString(7, triplet.recipient());
                update.executeUpdate();
            }
            if (step.outcome().accepted()) {
                countPass(db, triplet.network(), now, autoAllow);
            }
            return step;
        } catch (SQLException e) {
            throw unavailable("deciding a greylist triplet", e);
        }
    }

    /** What is kept of a triplet, read without changing it (the explain API). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<TripletState> triplet(Triplet triplet) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("select first_seen, last_seen, passed_at, passes from greylist_triplet where "
                     + TRIPLET_KEY)) {
            key(select, triplet);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(state(row, 1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("reading a greylist triplet", e);
        }
    }

    /** What is kept of a client network's passes. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<NetworkPasses> network(String network) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("select passes, last_counted, last_seen from greylist_network"
                     + " where client_network = ?")) {
            select.setString(1, network);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new NetworkPasses(row.getInt(1), instant(row, 2), instant(row, 3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("reading a greylist network", e);
        }
    }

    /**
     * An auto-allowed network sent again: it stays allowed while it keeps sending. Written at most
     * once a minute per network, so that a busy network costs no write per message.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void networkSeen(String network, Instant now) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement update = db.prepareStatement("update greylist_network set last_seen = ? where client_network = ?"
                     + " and last_seen < ?")) {
            update.setObject(1, time(now));
            update.setString(2, network);
            update.setObject(3, time(now.minusSeconds(60)));
            update.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("writing a greylist network", e);
        }
    }

    /**
     * Deletes at most {@code batch} expired rows of each table; the caller repeats while rows go, so
     * that no delete holds locks on a large part of the table.
     *
     * @return how many rows went
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int expire(Instant pendingCutoff, Instant confirmedCutoff, int batch) {
        try (Connection db = dataSource.getConnection()) {
            int gone = delete(db, "delete from greylist_triplet where (client_network, sender, recipient) in (select client_network,"
                    + " sender, recipient from greylist_triplet where passed_at is null and first_seen < ? fetch first ? rows only)",
                    pendingCutoff, batch);
            gone += delete(db, "delete from greylist_triplet where (client_network, sender, recipient) in (select client_network,"
                    + " sender, recipient from greylist_triplet where passed_at is not null and last_seen < ? fetch first ? rows only)",
                    confirmedCutoff, batch);
            gone += delete(db, "delete from greylist_network where client_network in (select client_network from greylist_network"
                    + " where last_seen < ? fetch first ? rows only)", confirmedCutoff, batch);
            return gone;
        } catch (SQLException e) {
            throw unavailable("expiring greylist entries", e);
        }
    }

    /** The triplets matching the filter, the most recently seen first. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<GreylistEntry> list(GreylistFilter filter, int offset, int limit) {
        List<Object> parameters = new ArrayList<>();
        String where = filter.where(parameters);
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("select " + TRIPLET_COLUMNS + " from greylist_triplet" + where
                     + " order by last_seen desc, client_network, sender, recipient offset ? rows fetch next ? rows only")) {
            int index = bind(select, parameters);
            select.setInt(index, offset);
            select.setInt(index + 1, limit);
            List<GreylistEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new GreylistEntry(new Triplet(rows.getString(1), rows.getString(2), rows.getString(3)), state(rows, 4)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw unavailable("listing greylist entries", e);
        }
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long count(GreylistFilter filter) {
        List<Object> parameters = new ArrayList<>();
        String where = filter.where(parameters);
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("select count(*) from greylist_triplet" + where)) {
            bind(select, parameters);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw unavailable("counting greylist entries", e);
        }
    }

    private static TripletState lockedTriplet(Connection db, Triplet triplet) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select first_seen, last_seen, passed_at, passes from greylist_triplet where "
                + TRIPLET_KEY + " for update")) {
            key(select, triplet);
            try (ResultSet row = select.executeQuery()) {
                // deleted by the expiry between the insert and the select: as if never seen
                return row.next() ? state(row, 1) : null;
            }
        }
    }

    private static void countPass(Connection db, String network, Instant now, AutoAllow autoAllow) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into greylist_network (client_network, passes, last_counted, last_seen)"
                + " values (?, 0, ?, ?) on conflict do nothing")) {
            insert.setString(1, network);
            insert.setObject(2, time(Instant.EPOCH));
            insert.setObject(3, time(now));
            if (insert.executeUpdate() == 1) {
                write(db, network, autoAllow.afterPass(null, now));
                return;
            }
        }
        NetworkPasses kept;
        try (PreparedStatement select = db.prepareStatement("select passes, last_counted, last_seen from greylist_network"
                + " where client_network = ? for update")) {
            select.setString(1, network);
            try (ResultSet row = select.executeQuery()) {
                kept = row.next() ? new NetworkPasses(row.getInt(1), instant(row, 2), instant(row, 3)) : null;
            }
        }
        write(db, network, autoAllow.afterPass(kept, now));
    }

    private static void write(Connection db, String network, NetworkPasses passes) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("update greylist_network set passes = ?, last_counted = ?, last_seen = ?"
                + " where client_network = ?")) {
            update.setInt(1, passes.passes());
            update.setObject(2, time(passes.lastCounted()));
            update.setObject(3, time(passes.lastSeen()));
            update.setString(4, network);
            update.executeUpdate();
        }
    }

    private static int delete(Connection db, String sql, Instant cutoff, int batch) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement(sql)) {
            delete.setObject(1, time(cutoff));
            delete.setInt(2, batch);
            return delete.executeUpdate();
        }
    }

    private static void key(PreparedStatement statement, Triplet triplet) throws SQLException {
        statement.setString(1, triplet.network());
        statement.setString(2, triplet.sender());
        statement.setString(3, triplet.recipient());
    }

    private static int bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        int index = 1;
        for (Object parameter : parameters) {
            statement.setObject(index++, parameter instanceof Instant instant ? time(instant) : parameter);
        }
        return index;
    }

    private static TripletState state(ResultSet row, int first) throws SQLException {
        return new TripletState(instant(row, first), instant(row, first + 1), instant(row, first + 2), row.getInt(first + 3));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static GreylistUnavailableException unavailable(String what, SQLException e) {
        return new GreylistUnavailableException(what + " failed: " + e.getMessage(), e);
    }
}
