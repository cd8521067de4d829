package org.passerelle.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

import org.passerelle.directory.EntryKind;

/** {@code /api/v1/routes}: The routing table. */
@Path("routes")
@RequestScoped
public class RoutesResource extends DirectoryRecordsResource {

    @Override
    protected EntryKind kind() {
        return EntryKind.ROUTE;
    }
}
