package org.passerelle.console;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import org.passerelle.tracking.MessageQuery;
import org.passerelle.tracking.MessageTracking;
import org.passerelle.tracking.TrackedMessage;

/** The console's list of the most recently accepted messages. */
@Named
@RequestScoped
public class RecentMessages {

    private static final int SHOWN = 100;

    @EJB
    private MessageTracking tracking;

    private List<TrackedMessage> messages;

    public List<TrackedMessage> getMessages() {
        if (messages == null) {
            messages = tracking.search(new MessageQuery(null, null, SHOWN));
        }
        return messages;
    }
}
