package org.passerelle.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

import org.passerelle.directory.EntryKind;

/** {@code /api/v1/access-rules}: Access-list rules. */
@Path("access-rules")
@RequestScoped
public class AccessRulesResource extends DirectoryRecordsResource {

    @Override
    protected EntryKind kind() {
        return EntryKind.ACCESS_RULE;
    }
}
