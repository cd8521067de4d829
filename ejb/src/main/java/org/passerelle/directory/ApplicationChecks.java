package org.passerelle.directory;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks of an application's networks and allowed senders against the directory as it is.
 * Every path that writes an application runs them: central's direct writes (admin API, console)
 * and change requests, on submission and again when applied; a value that fails one is never
 * written; the senders also follow their domains' naming plans ({@link NamingPlan}). Each check
 * is about one field, which {@link #fieldOf} names for refusals.
 */
public final class ApplicationChecks {

    static final String SENDERS_MANAGED = "allowed-senders-managed";

    private final NetworkChecks networkChecks;

    public ApplicationChecks(NetworkLimits limits) {
        this.networkChecks = new NetworkChecks(limits);
    }

    /**
     * @param application the application the values are for (its own networks may overlap them)
     * @param networks the networks it is to have, {@code null} when they do not change
     * @param allowedSenders the senders it is to have, {@code null} when they do not change
     */
    public List<CheckResult> check(String application, List<String> networks, List<String> allowedSenders,
                                   List<SenderApplication> applications, List<ManagedDomain> domains) {
        List<CheckResult> results = new ArrayList<>();
        if (networks != null) {
            results.addAll(networkChecks.check(application, networks, applications));
        }
        if (allowedSenders != null) {
            results.add(allowedSenders(allowedSenders, domains));
            results.add(NamingPlan.check(application, allowedSenders, domains));
        }
        return results;
    }

    /** The application field one of these checks is about, by the check's name. */
    public static String fieldOf(String check) {
        return check.equals(SENDERS_MANAGED) || check.equals(NamingPlan.CHECK) ? "allowedSenders" : "networks";
    }

    /** Each allowed sender is {@code <>}, or an address or {@code @domain} in a managed domain or a subdomain of one. */
    private static CheckResult allowedSenders(List<String> senders, List<ManagedDomain> domains) {
        List<String> outside = senders.stream().filter(sender -> !withinManagedDomains(sender, domains)).toList();
        return outside.isEmpty()
                ? CheckResult.passed(SENDERS_MANAGED, "every allowed sender is in a managed domain")
                : CheckResult.failed(SENDERS_MANAGED, "not in a managed domain: " + String.join(", ", outside));
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
