package org.passerelle.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.passerelle.directory.ManagedDomain;

/**
 * The automatic checks of a change request against the directory as it is: run on submission and
 * again just before the change is applied. Each check says what it found, passed or not; the
 * central service cannot validate a request with a failed check, nor apply one whose checks fail
 * at that moment.
 */
public final class TechnicalChecks {

    private final NetworkChecks networkChecks;

    public TechnicalChecks(NetworkLimits limits) {
        this.networkChecks = new NetworkChecks(limits);
    }

    public List<CheckResult> check(RequestedChange change, DirectoryFacts facts) {
        List<CheckResult> results = new ArrayList<>();
        switch (change.kind()) {
            case ADD_APPLICATION -> {
                results.add(facts.application(change.application()).isPresent()
                        ? CheckResult.failed("application-name-free", "an application named " + change.application() + " exists")
                        : CheckResult.passed("application-name-free", "no application is named " + change.application()));
                results.add(entityExists(change.entity(), facts));
            }
            case MODIFY_APPLICATION, DELETE_APPLICATION, APPLICATION_MANAGERS -> results.add(applicationExists(change.application(), facts));
            case ENTITY_MANAGERS -> results.add(entityExists(change.entity(), facts));
        }
        if (change.networks() != null) {
            results.addAll(networkChecks.check(change.application(), change.networks(), facts.applications()));
        }
        if (change.allowedSenders() != null) {
            results.add(allowedSenders(change.allowedSenders(), facts.domains()));
        }
        if (change.gateways() != null) {
            results.add(allExist("gateways-exist", "gateway site", change.gateways(), facts.gatewayExists()));
        }
        if (change.managers() != null) {
            results.add(allExist("managers-exist", "person with login", change.managers(), facts.personExists()));
        }
        return results;
    }

    public static boolean allPassed(List<CheckResult> results) {
        return results.stream().allMatch(CheckResult::passed);
    }

    private static CheckResult applicationExists(String name, DirectoryFacts facts) {
        return facts.application(name).isPresent()
                ? CheckResult.passed("application-exists", "application " + name + " exists")
                : CheckResult.failed("application-exists", "no application is named " + name);
    }

    private static CheckResult entityExists(String name, DirectoryFacts facts) {
        return facts.entityExists().test(name)
                ? CheckResult.passed("entity-exists", "entity " + name + " exists")
                : CheckResult.failed("entity-exists", "no entity is named " + name);
    }

    private static CheckResult allExist(String check, String what, List<String> names, Predicate<String> exists) {
        List<String> missing = names.stream().filter(exists.negate()).toList();
        return missing.isEmpty()
                ? CheckResult.passed(check, names.isEmpty() ? "none named" : "all exist: " + String.join(", ", names))
                : CheckResult.failed(check, "no " + what + " " + String.join(", ", missing));
    }

    /** Each allowed sender is {@code <>}, or an address or {@code @domain} in a managed domain or a subdomain of one. */
    private static CheckResult allowedSenders(List<String> senders, List<ManagedDomain> domains) {
        List<String> outside = senders.stream().filter(sender -> !withinManagedDomains(sender, domains)).toList();
        return outside.isEmpty()
                ? CheckResult.passed("allowed-senders-managed", "every allowed sender is in a managed domain")
                : CheckResult.failed("allowed-senders-managed", "not in a managed domain: " + String.join(", ", outside));
    }

    private static boolean withinManagedDomains(String sender, List<ManagedDomain> domains) {
        if (sender.equals("<>")) {
            return true;
        }
        int at = sender.lastIndexOf('@');
        if (at < 0 || at == sender.length() - 1 || sender.indexOf('@') != at) {
            return false;
        }
        String domain = sender.substring(at + 1);
        return domains.stream().anyMatch(managed -> managed.covers(domain));
    }
}
