package org.passerelle.workflow;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.passerelle.directory.ManagedDomain;
import org.passerelle.directory.SenderApplication;

/**
 * What the technical checks need to know of the directory, read when they run: the applications
 * and managed domains, and whether a gateway site, an entity or a person (by login) exists.
 */
public record DirectoryFacts(List<SenderApplication> applications, List<ManagedDomain> domains,
                             Predicate<String> gatewayExists, Predicate<String> entityExists,
                             Predicate<String> personExists) {

    public DirectoryFacts {
        applications = List.copyOf(applications);
        domains = List.copyOf(domains);
    }

    public Optional<SenderApplication> application(String name) {
        return applications.stream().filter(app -> app.name().equalsIgnoreCase(name)).findFirst();
    }
}
