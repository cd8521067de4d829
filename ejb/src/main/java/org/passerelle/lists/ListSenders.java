package org.passerelle.lists;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.passerelle.policy.PolicyDecision;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.Verdict;

/**
 * Who may send to a distribution list: the central service only. That is a person of the central
 * group who authenticated, or a client someone answers for (an authenticated person, an active
 * application) using one of the central service's addresses as its envelope sender. An
 * unregistered client is refused even with such a sender: it may have forged it. Anyone else is
 * refused at RCPT, so that nothing is stored and the client learns why.
 */
public final class ListSenders {

    private final Set<String> centralAddresses;

    /** @param centralAddresses the envelope senders of the central service */
    public ListSenders(List<MailAddress> centralAddresses) {
        this.centralAddresses = centralAddresses.stream().map(ListSenders::key).collect(Collectors.toUnmodifiableSet());
    }

    /** The central service's addresses, separated by commas or spaces. */
    public static ListSenders of(String addresses) {
        return new ListSenders(List.of(addresses.trim().split("[,\\s]+")).stream().filter(a -> !a.isEmpty())
                .map(MailAddress::parse).toList());
    }

    /**
     * @param client what the policy knows of the sending client
     * @param sender the envelope sender, {@code null} for the null sender
     */
    public PolicyDecision decide(DistributionList list, ListClient client, MailAddress sender) {
        if (client.login() != null && client.centralUser()) {
            return new PolicyDecision(Verdict.accept(), describe(list) + ", central user " + client.login());
        }
        boolean vouched = client.login() != null || client.application() != null;
        if (vouched && sender != null && centralAddresses.contains(key(sender))) {
            return new PolicyDecision(Verdict.accept(), describe(list) + ", central service address " + sender + " from "
                    + (client.login() != null ? "user " + client.login() : "application " + client.application()));
        }
        String who = client.login() != null ? "user " + client.login() + " is not of the central service"
                : client.application() != null ? "application " + client.application() + " with sender <" + (sender == null ? "" : sender) + ">"
                : "unregistered client";
        return new PolicyDecision(Verdict.reject(550, "5.7.1", "<" + list.address() + ">: Recipient address rejected: "
                + "only the central service may send to " + list.describe()), describe(list) + ", " + who);
    }

    private static String describe(DistributionList list) {
        return "distribution list " + (list.allSites() ? "of all sites" : "of " + list.gateway());
    }

    private static String key(MailAddress address) {
        return address.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * @param login the login the client authenticated as, {@code null} if it did not
     * @param centralUser whether that login is of the central group
     * @param application the active application the client is, {@code null} if none
     */
    public record ListClient(String login, boolean centralUser, String application) {
    }
}
