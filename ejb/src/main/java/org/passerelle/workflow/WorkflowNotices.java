package org.passerelle.workflow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.passerelle.directory.Person;
import org.passerelle.directory.PersonDirectory;
import org.passerelle.directory.SecurityList;
import org.passerelle.directory.SecurityList.Kind;
import org.passerelle.directory.SecurityList.Role;
import org.passerelle.settings.Setting;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.spool.HeldContent;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;

/**
 * Mails every transition of a change request, through Passerelle's own queue, to its author, the
 * owners of its application and of the application's entity, and the central service
 * ({@code PSL_CENTRAL_SERVICE_ADDRESS}): one message, each address once. Joins the caller's
 * transaction, so nobody is told of a transition that did not happen.
 */
@Stateless
public class WorkflowNotices {

    private static final Logger LOG = Logger.getLogger(WorkflowNotices.class.getName());

    @EJB
    private Spool spool;

    @EJB
    private SecurityList securityList;

    @EJB
    private PersonDirectory people;

    public QueueId send(ChangeRequest request, Transition transition) {
        String central = Setting.text("psl.central-service-address");
        List<MailAddress> recipients = recipients(request, central).stream().map(MailAddress::parse).toList();
        MailAddress from = MailAddress.parse(central);
        byte[] message = TransitionNotice.message(request, transition, from, recipients, Setting.text("psl.hostname"));
        Envelope envelope = new Envelope(from, recipients, Map.of());
        QueueId id = spool.submit(envelope, new HeldContent(message));
        LOG.info(() -> "change request " + request.getId() + " " + transition.state().label() + ": notice " + id + " to " + recipients);
        return id;
    }

    private List<String> recipients(ChangeRequest request, String central) {
        List<String> logins = new ArrayList<>();
        logins.add(request.getAuthor());
        if (request.getApplication() != null) {
            logins.addAll(owners(Kind.APPLICATION, request.getApplication()));
        }
        if (request.getEntity() != null) {
            logins.addAll(owners(Kind.ENTITY, request.getEntity()));
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (String login : logins) {
            people.find(login).map(Person::addresses).filter(list -> !list.isEmpty()).ifPresent(list -> addresses.add(list.get(0)));
        }
        addresses.add(central.toLowerCase(Locale.ROOT));
        return List.copyOf(addresses);
    }

    // A new application has no entry before it is applied: it has no owners of its own yet.
    private List<String> owners(Kind kind, String name) {
        return securityList.exists(kind, name) ? securityList.holders(kind, name, Role.OWNER) : List.of();
    }
}
