package org.passerelle.console;

import java.io.Serializable;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.quarantine.OutbreakMode;
import org.passerelle.quarantine.Quarantine;
import org.passerelle.quarantine.QuarantinedMessage;
import org.passerelle.queue.QueueOperationRefused;

/**
 * The quarantine: what the content checks held, filtered by reason; release (after a new virus
 * scan) and delete for operations and the central service, who also switch outbreak mode. The
 * same ejb calls as the API, so the same rules decide who sees and does what.
 */
@Named
@ViewScoped
public class QuarantineView implements Serializable {

    private static final int SHOWN = 500;

    @EJB
    private Quarantine quarantine;

    @EJB
    private OutbreakMode outbreak;

    @Inject
    private ConsoleUser user;

    private String reason;
    private List<QuarantinedMessage> messages;

    public void search() {
        messages = quarantine.list(user.requester(), TrackingView.blank(reason), 0, SHOWN);
    }

    public List<QuarantinedMessage> getMessages() {
        if (messages == null) {
            search();
        }
        return messages;
    }

    public void release(String queueId) {
        try {
            QuarantinedMessage result = quarantine.release(user.requester(), queueId);
            if (result.reason() == null) {
                Texts.info(Texts.get("quarantine.released", queueId));
            } else {
                Texts.error(null, Texts.get("quarantine.stillInfected", queueId, result.reason()));
            }
        } catch (QueueOperationRefused | EJBException e) {
            Texts.error(null, e.getMessage());
        }
        search();
    }

    public void delete(String queueId) {
        try {
            quarantine.delete(user.requester(), queueId);
            Texts.info(Texts.get("quarantine.deleted", queueId));
        } catch (QueueOperationRefused | EJBException e) {
            Texts.error(null, e.getMessage());
        }
        search();
    }

    public boolean isOutbreak() {
        return outbreak.on();
    }

    public void switchOutbreak() {
        boolean turnOn = !outbreak.on();
        try {
            int released = outbreak.turn(user.requester(), turnOn);
            Texts.info(turnOn ? Texts.get("quarantine.outbreakOn") : Texts.get("quarantine.outbreakOff", released));
        } catch (QueueOperationRefused | EJBException e) {
            Texts.error(null, e.getMessage());
        }
        search();
    }

    public String getReason() { return reason; }

    public void setReason(String reason) { this.reason = reason; }
}
