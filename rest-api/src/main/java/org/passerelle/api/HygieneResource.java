package org.passerelle.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import org.passerelle.hygiene.AllowListHygiene;
import org.passerelle.hygiene.Reminder;
import org.passerelle.hygiene.StaleFinding;

/**
 * The allow-lists' hygiene (docs/allow-list-hygiene.md) under {@code /api/v1/hygiene}: the stale
 * applications and networks, each with the link of its prefilled removal request (central,
 * operations and auditors see all; managers and owners theirs), and {@code POST reminders}, which
 * mails the reminders due now rather than at the next check (central).
 */
@Path("hygiene")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HygieneResource {

    @EJB
    private AllowListHygiene hygiene;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @GET
    @Path("stale")
    public Response stale(@QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        Pages.check(limit, offset);
        List<Map<String, Object>> stale = hygiene.stale(Requesters.of(security)).stream().map(entry -> {
            StaleFinding found = entry.finding();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("application", found.application());
            json.put("entity", found.entity());
            json.put("stale", found.wholeApplication() ? "application" : "networks");
            json.put("staleNetworks", found.staleNetworks());
            json.put("keptNetworks", found.keptNetworks());
            json.put("lastUsed", found.lastUsed());
            json.put("created", found.created());
            json.put("removalRequest", entry.removalLink());
            return json;
        }).toList();
        return Pages.of(stale, limit, offset, uri);
    }

    /** The body names the one application to look at ({@code {"application": "billing"}}), or none for all. */
    public record RemindForm(String application) {
    }

    @POST
    @Path("reminders")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CENTRAL)
    public Map<String, Object> remind(RemindForm form) {
        List<Reminder> sent = hygiene.remindNow(Requesters.of(security),
                Optional.ofNullable(form).map(RemindForm::application).filter(name -> !name.isBlank()));
        return Map.of("mailed", sent.size(), "reminders", sent.stream()
                .map(reminder -> Map.of("application", reminder.application(), "subject", reminder.subject())).toList());
    }
}
