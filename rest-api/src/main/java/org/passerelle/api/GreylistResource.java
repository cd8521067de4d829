package org.passerelle.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.passerelle.greylist.GreylistCounts;
import org.passerelle.greylist.GreylistEntry;
import org.passerelle.greylist.GreylistFigures;
import org.passerelle.greylist.GreylistFilter;
import org.passerelle.greylist.GreylistStore;
import org.passerelle.refusal.Refusal;

/**
 * {@code /api/v1/greylist}: the greylisted triplets (filtered, paged, the most recently seen first)
 * and the figures of each day. Read by the central service, operations and auditors, like the
 * queue. The allow-list is a directory resource of its own ({@link GreylistAllowListResource}).
 */
@Path("greylist")
@RolesAllowed({Roles.OPERATIONS, Roles.CENTRAL, Roles.AUDITOR})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GreylistResource {

    private static final int MAX_DAYS = 366;

    @EJB
    private GreylistStore store;

    @EJB
    private GreylistCounts counts;

    @Context
    private UriInfo uri;

    /** A triplet and its state: {@code pending} until a retry after the delay passed, then {@code passed}. */
    public record EntryView(String network, String sender, String recipient, String state, Instant firstSeen, Instant lastSeen,
                            Instant passedAt, int passes) {

        static EntryView of(GreylistEntry entry) {
            return new EntryView(entry.triplet().network(), entry.triplet().sender(), entry.triplet().recipient(),
                    entry.state().pending() ? "pending" : "passed", entry.state().firstSeen(), entry.state().lastSeen(),
                    entry.state().passedAt(), entry.state().passes());
        }
    }

    /** One day's figures; delays in seconds, of the triplets that passed after their delay. */
    public record DayView(LocalDate day, long greylisted, long passed, long delaySecondsMean, long delaySecondsMax,
                          long autoAllowed, long allowListed) {

        static DayView of(GreylistFigures figures) {
            return new DayView(figures.day(), figures.greylisted(), figures.passed(), figures.delaySecondsMean(),
                    figures.delaySecondsMax(), figures.autoAllowed(), figures.allowListed());
        }
    }

    @GET
    public Response list(@QueryParam("network") String network, @QueryParam("sender") String sender,
                         @QueryParam("recipient") String recipient, @QueryParam("recipientDomain") String recipientDomain,
                         @QueryParam("state") String state,
                         @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        Pages.check(limit, offset);
        GreylistFilter filter = new GreylistFilter(network, sender, recipient, recipientDomain, state(state));
        List<EntryView> page = store.list(filter, offset, limit).stream().map(EntryView::of).toList();
        return Pages.page(page, store.count(filter), limit, offset, uri);
    }

    /** The figures of the last {@code days} days, today included, oldest first. */
    @GET
    @Path("statistics")
    public List<DayView> statistics(@QueryParam("days") @DefaultValue("7") int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw Refusal.invalid("days", "must be between 1 and " + MAX_DAYS);
        }
        return counts.since(LocalDate.now().minusDays(days - 1L)).stream().map(DayView::of).toList();
    }

    private static GreylistFilter.State state(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return GreylistFilter.State.of(text);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("state", "must be pending or passed");
        }
    }
}
