package org.passerelle.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

import org.passerelle.directory.EntryKind;

/** {@code /api/v1/applications}: Sender applications; their changes normally go through change requests. */
@Path("applications")
@RequestScoped
public class ApplicationsResource extends DirectoryRecordsResource {

    @Override
    protected EntryKind kind() {
        return EntryKind.APPLICATION;
    }
}
