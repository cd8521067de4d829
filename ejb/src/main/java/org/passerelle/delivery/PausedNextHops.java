package org.passerelle.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import javax.sql.DataSource;

import org.passerelle.smtp.client.NextHop;

/** The next hops an operator has paused: their messages wait in the queue, untried, until resumed. */
@Stateless
public class PausedNextHops {

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    public boolean paused(NextHop hop) {
        return !em.createNativeQuery("select next_hop from paused_next_hop where next_hop = ?")
                .setParameter(1, hop.toString()).getResultList().isEmpty();
    }

    /** @return whether it was running before */
    public boolean pause(NextHop hop, String by) {
        if (paused(hop)) {
            return false;
        }
        em.createNativeQuery("insert into paused_next_hop (next_hop, paused_at, paused_by) values (?, ?, ?)")
                .setParameter(1, hop.toString()).setParameter(2, Instant.now()).setParameter(3, by)
                .executeUpdate();
        return true;
    }

    /** @return whether it was paused before */
    public boolean resume(NextHop hop) {
        return em.createNativeQuery("delete from paused_next_hop where next_hop = ?").setParameter(1, hop.toString()).executeUpdate() > 0;
    }

    /** Read before each part of a delivery round: with JDBC, which costs a fraction of a persistence context opened for it. */
    public List<String> all() {
        List<String> paused = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select next_hop from paused_next_hop order by next_hop");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                paused.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the paused next hops failed", e);
        }
        return paused;
    }
}
