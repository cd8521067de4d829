package org.passerelle.api;

import java.util.List;

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

import org.passerelle.directory.Person;
import org.passerelle.directory.PersonDirectory;

/**
 * {@code GET /api/v1/people?uid=&mail=&name=}: the people and service accounts of {@code ou=people}
 * whose login, address or name contains the texts, for anyone logged in (managers and owners look
 * people up to name them on the security list). Read-only: people are kept in the directory.
 */
@Path("people")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

    /** A person as the API shows one: never their password or other attributes. */
    public record PersonView(String uid, String name, List<String> addresses) {

        static PersonView of(Person person) {
            return new PersonView(person.uid(), person.displayName(), person.addresses());
        }
    }

    @EJB
    private PersonDirectory people;

    @Context
    private UriInfo uri;

    @GET
    public Response search(@QueryParam("uid") String uid, @QueryParam("mail") String mail, @QueryParam("name") String name,
                           @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        return Pages.of(people.search(uid, mail, name).stream().map(PersonView::of).toList(), limit, offset, uri);
    }
}
