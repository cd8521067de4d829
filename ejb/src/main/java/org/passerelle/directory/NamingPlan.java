package org.passerelle.directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The check that an application's allowed senders follow the naming plan of their managed
 * domain: each sender falls under the most specific managed domain that covers its domain, and
 * must have one of that domain's forms ({@link SenderForm}). A domain without forms has no plan,
 * and its senders pass; so does the null sender {@code <>}. Senders outside every managed domain
 * are {@code allowed-senders-managed}'s business, not this check's.
 */
public final class NamingPlan {

    public static final String CHECK = "senders-follow-naming-plan";

    private NamingPlan() {
    }

    public static CheckResult check(String application, List<String> allowedSenders, List<ManagedDomain> domains) {
        List<String> wrong = new ArrayList<>();
        List<String> planned = new ArrayList<>();
        for (String sender : allowedSenders) {
            Optional<ManagedDomain> domain = domainOf(sender, domains);
            if (domain.isEmpty() || domain.get().senderForms().isEmpty()) {
                continue;
            }
            ManagedDomain managed = domain.get();
            planned.add(managed.name());
            if (managed.senderForms().stream().noneMatch(form -> form.matches(sender, application, managed.name()))) {
                wrong.add(sender + " (" + managed.name() + " expects " + String.join(" or ",
                        managed.senderForms().stream().map(form -> form.expected(application, managed.name())).toList()) + ")");
            }
        }
        if (!wrong.isEmpty()) {
            return CheckResult.failed(CHECK, "not in the naming plan: " + String.join("; ", wrong));
        }
        return planned.isEmpty()
                ? CheckResult.passed(CHECK, "no naming plan applies: the senders' domains have none")
                : CheckResult.passed(CHECK, "every sender follows the naming plan of " + String.join(", ", planned.stream().distinct().toList()));
    }

    /** The most specific managed domain that covers the sender's domain. */
    static Optional<ManagedDomain> domainOf(String sender, List<ManagedDomain> domains) {
        int at = sender.lastIndexOf('@');
        if (sender.trim().equals("<>") || at < 0 || at == sender.length() - 1) {
            return Optional.empty();
        }
        String domain = sender.substring(at + 1).trim();
        return domains.stream().filter(managed -> managed.covers(domain))
                .max(Comparator.comparingInt(managed -> managed.name().length()));
    }
}
