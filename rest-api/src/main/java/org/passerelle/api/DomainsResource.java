package org.passerelle.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

import org.passerelle.directory.EntryKind;

/** {@code /api/v1/domains}: Managed mail domains. */
@Path("domains")
@RequestScoped
public class DomainsResource extends DirectoryRecordsResource {

    @Override
    protected EntryKind kind() {
        return EntryKind.DOMAIN;
    }
}
