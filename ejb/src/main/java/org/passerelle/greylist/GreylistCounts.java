package org.passerelle.greylist;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * The greylisting figures of each day ({@link GreylistFigures}), counted in memory and added to
 * table {@code greylist_day} every minute and before each read: no write per recipient, and several
 * nodes add to the same rows (a zero row is added if missing, then the counts are added to it).
 */
@Singleton
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GreylistCounts {

    private static final Logger LOG = Logger.getLogger(GreylistCounts.class.getName());

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    private final Clock clock = Clock.systemDefaultZone();
    private final Map<LocalDate, GreylistFigures> unwritten = new HashMap<>();

    public void greylisted() {
        add(GreylistFigures::greylistedOnce);
    }

    public void passedAfter(long delaySeconds) {
        add(figures -> figures.passedAfter(delaySeconds));
    }

    public void autoAllowed() {
        add(GreylistFigures::autoAllowedOnce);
    }

    public void allowListed() {
        add(GreylistFigures::allowListedOnce);
    }

    private synchronized void add(UnaryOperator<GreylistFigures> count) {
        LocalDate today = LocalDate.now(clock);
        unwritten.put(today, count.apply(unwritten.getOrDefault(today, GreylistFigures.none(today))));
    }

    /** The figures of the days from {@code first} to today, oldest first, each day present. */
    public List<GreylistFigures> since(LocalDate first) {
        write();
        Map<LocalDate, GreylistFigures> days = new TreeMap<>();
        for (LocalDate day = first; !day.isAfter(LocalDate.now(clock)); day = day.plusDays(1)) {
            days.put(day, GreylistFigures.none(day));
        }
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("select counted_on, greylisted, passed, delay_seconds_total,"
                     + " delay_seconds_max, auto_allowed, allow_listed from greylist_day where counted_on >= ?")) {
            select.setDate(1, Date.valueOf(first));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    LocalDate day = rows.getDate(1).toLocalDate();
                    days.merge(day, new GreylistFigures(day, rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5),
                            rows.getLong(6), rows.getLong(7)), GreylistFigures::plus);
                }
            }
        } catch (SQLException e) {
            throw new GreylistUnavailableException("reading the greylist figures failed: " + e.getMessage(), e);
        }
        return new ArrayList<>(days.values());
    }

    /** Adds the figures counted in memory to the table; kept for the next time if that fails. */
    @Schedule(minute = "*", hour = "*", persistent = false)
    public void write() {
        Map<LocalDate, GreylistFigures> taken;
        synchronized (this) {
            if (unwritten.isEmpty()) {
                return;
            }
            taken = new HashMap<>(unwritten);
            unwritten.clear();
        }
        try (Connection db = dataSource.getConnection();
             PreparedStatement insert = db.prepareStatement("insert into greylist_day (counted_on) values (?) on conflict do nothing");
             PreparedStatement update = db.prepareStatement("update greylist_day set greylisted = greylisted + ?, passed = passed + ?,"
                     + " delay_seconds_total = delay_seconds_total + ?, delay_seconds_max = greatest(delay_seconds_max, ?),"
                     + " auto_allowed = auto_allowed + ?, allow_listed = allow_listed + ? where counted_on = ?")) {
            for (GreylistFigures figures : taken.values()) {
                insert.setDate(1, Date.valueOf(figures.day()));
                insert.executeUpdate();
                update.setLong(1, figures.greylisted());
                update.setLong(2, figures.passed());
                update.setLong(3, figures.delaySecondsTotal());
                update.setLong(4, figures.delaySecondsMax());
                update.setLong(5, figures.autoAllowed());
                update.setLong(6, figures.allowListed());
                update.setDate(7, Date.valueOf(figures.day()));
                update.executeUpdate();
            }
        } catch (SQLException e) {
            synchronized (this) {
                taken.forEach((day, figures) -> unwritten.merge(day, figures, GreylistFigures::plus));
            }
            LOG.warning(() -> "greylist figures not written, kept for the next time: " + e);
        }
    }

    @PreDestroy
    void writeLast() {
        write();
    }
}
