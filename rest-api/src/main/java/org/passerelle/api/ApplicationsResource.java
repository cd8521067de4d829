package org.passerelle.api;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Path;

import org.passerelle.directory.DirectoryRecord;
import org.passerelle.directory.EntryKind;
import org.passerelle.hygiene.AllowListHygiene;

/**
 * {@code /api/v1/applications}: Sender applications; their changes normally go through change
 * requests. Each is shown with when it last sent ({@code lastUsed}) and from which of its networks
 * ({@code networkUses}), read from the database: not part of the entry, nor of its ETag.
 */
@Path("applications")
@RequestScoped
public class ApplicationsResource extends DirectoryRecordsResource {

    @EJB
    private AllowListHygiene hygiene;

    @Override
    protected EntryKind kind() {
        return EntryKind.APPLICATION;
    }

    @Override
    protected JsonObject written(JsonObject body) {
        return Json.createObjectBuilder(body).remove("lastUsed").remove("networkUses").build();
    }

    @Override
    protected Function<DirectoryRecord, JsonObject> shown() {
        Map<String, Map<String, Instant>> uses = hygiene.lastUses();
        return record -> {
            Map<String, Instant> used = uses.getOrDefault(record.name(), Map.of());
            JsonObjectBuilder json = Json.createObjectBuilder(record.toJson());
            Instant last = used.values().stream().max(Instant::compareTo).orElse(null);
            if (last == null) {
                json.addNull("lastUsed");
            } else {
                json.add("lastUsed", last.toString());
            }
            JsonArrayBuilder networks = Json.createArrayBuilder();
            used.forEach((network, at) -> networks.add(Json.createObjectBuilder().add("network", network).add("lastUsed", at.toString())));
            return json.add("networkUses", networks).build();
        };
    }
}
