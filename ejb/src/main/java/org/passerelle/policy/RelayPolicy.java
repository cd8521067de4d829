package org.passerelle.policy;

import java.net.InetAddress;
import java.util.Optional;

import org.passerelle.directory.DirectorySnapshot;
import org.passerelle.directory.ManagedDomain;
import org.passerelle.directory.SenderApplication;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.Verdict;

/**
 * Who may relay where. A client inside an active sender application's networks may send to any
 * domain; everyone else only to the managed domains, and then only to plain local parts, so that
 * the {@code %}, {@code !} and quoted-{@code @} routing tricks cannot turn a managed domain's
 * server into a relay.
 */
public final class RelayPolicy {

    public PolicyDecision recipient(InetAddress client, MailAddress recipient, DirectorySnapshot directory) {
        Optional<SenderApplication> application = directory.activeApplicationFor(client);
        if (application.isPresent()) {
            return new PolicyDecision(Verdict.accept(), "application " + application.get().name());
        }
        Optional<ManagedDomain> domain = directory.managedDomain(recipient.domain());
        if (domain.isEmpty()) {
            return new PolicyDecision(denied(recipient), "no application covers " + client.getHostAddress()
                    + " and " + recipient.domain() + " is not a managed domain");
        }
        if (routesElsewhere(recipient.localPart())) {
            return new PolicyDecision(denied(recipient), "routing characters in a local part of managed domain "
                    + domain.get().name());
        }
        return new PolicyDecision(Verdict.accept(), "managed domain " + domain.get().name());
    }

    private static Verdict denied(MailAddress recipient) {
        return Verdict.reject(554, "5.7.1", "<" + recipient + ">: Relay access denied");
    }

    private static boolean routesElsewhere(String localPart) {
        return localPart.indexOf('%') >= 0 || localPart.indexOf('!') >= 0 || localPart.indexOf('@') >= 0
                || localPart.indexOf(':') >= 0 || localPart.startsWith("\"");
    }
}
