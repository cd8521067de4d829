package org.passerelle.delivery;

import java.time.Instant;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.passerelle.smtp.client.NextHop;

/** The next hops an operator has paused: their messages wait in the queue, untried, until resumed. */
@Stateless
public class PausedNextHops {

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

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

    @SuppressWarnings("unchecked")
    public List<String> all() {
        return em.createNativeQuery("select next_hop from paused_next_hop order by next_hop").getResultList();
    }
}
