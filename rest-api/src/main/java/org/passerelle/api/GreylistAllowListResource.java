package org.passerelle.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

import org.passerelle.directory.EntryKind;

/** {@code /api/v1/greylist/allow-list}: what greylisting never delays (networks, sender domains, recipients). */
@Path("greylist/allow-list")
@RequestScoped
public class GreylistAllowListResource extends DirectoryRecordsResource {

    @Override
    protected EntryKind kind() {
        return EntryKind.GREYLIST_ALLOW;
    }
}
