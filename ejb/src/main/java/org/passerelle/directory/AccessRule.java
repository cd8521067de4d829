package org.passerelle.directory;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * An access-list rule from {@code ou=access}: it matches a session when every criterion it has
 * matches (any of its networks, any of its HELO names, any of its sender domains), and then
 * allows or denies. Rules are tried lowest priority first; the first that matches decides, so an
 * allow rule is an exception to the deny rules after it. An allow never grants relaying.
 *
 * <p>A deny rule the relay cannot read is kept as an <em>unreadable</em> rule, which matches every
 * session from the first stage on: sessions it reaches are told to come back later until the
 * directory is mended, rather than let through by a rule that silently vanished.
 *
 * @param problem why the rule could not be read, {@code null} for a rule read whole
 */
public record AccessRule(String name, Action action, int priority, List<NetworkRange> networks,
                         List<DomainPattern> heloNames, List<DomainPattern> senderDomains, String problem) {

    public enum Action {
        ALLOW, DENY;

        public static Action of(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    public AccessRule {
        networks = List.copyOf(networks);
        heloNames = List.copyOf(heloNames);
        senderDomains = List.copyOf(senderDomains);
        if (problem == null && networks.isEmpty() && heloNames.isEmpty() && senderDomains.isEmpty()) {
            throw new IllegalArgumentException("access rule " + name + " has no criterion");
        }
    }

    public AccessRule(String name, Action action, int priority, List<NetworkRange> networks,
                      List<DomainPattern> heloNames, List<DomainPattern> senderDomains) {
        this(name, action, priority, networks, heloNames, senderDomains, null);
    }

    /** The stand-in for a deny rule that cannot be read: it matches every session. */
    public static AccessRule unreadable(String name, int priority, String problem) {
        return new AccessRule(name, Action.DENY, priority, List.of(), List.of(), List.of(), problem);
    }

    public boolean readable() {
        return problem == null;
    }

    /** Whether the rule can be decided once the HELO name (and, if asked, the sender) is known. */
    public boolean decidableWith(boolean heloKnown, boolean senderKnown) {
        return !readable() || (heloNames.isEmpty() || heloKnown) && (senderDomains.isEmpty() || senderKnown);
    }

    /** Whether the rule matches; a criterion whose value is unknown ({@code null}) does not match. */
    public boolean matches(InetAddress client, String heloName, String senderDomain) {
        return !readable()
                || (networks.isEmpty() || networks.stream().anyMatch(n -> n.contains(client)))
                && (heloNames.isEmpty() || heloName != null && heloNames.stream().anyMatch(p -> p.matches(heloName)))
                && (senderDomains.isEmpty() || senderDomain != null && senderDomains.stream().anyMatch(p -> p.matches(senderDomain)));
    }
}
