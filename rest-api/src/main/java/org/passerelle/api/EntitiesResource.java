package org.passerelle.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

import org.passerelle.directory.EntryKind;

/** {@code /api/v1/entities}: Organisational entities. */
@Path("entities")
@RequestScoped
public class EntitiesResource extends DirectoryRecordsResource {

    @Override
    protected EntryKind kind() {
        return EntryKind.ENTITY;
    }
}
