package org.passerelle.lists;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.client.SmtpReply;

/**
 * What a distribution list expands to when its message is delivered: the mail addresses of the
 * people on it at that moment, each once (compared without regard to case), never a list address
 * (a list inside a list would loop), leaving out people without a usable address. A list that
 * comes to nobody fails with a reply saying so, which the sender's notice quotes.
 */
public final class ListMembers {

    private ListMembers() {
    }

    /** The outcome of one expansion: the members, or, when there are none, the reply that fails the list's recipient. */
    public record Expansion(DistributionList list, List<MailAddress> members, SmtpReply failure) {

        public boolean empty() {
            return members.isEmpty();
        }
    }

    /**
     * @param mails the people's {@code mail} values in the order the list shows them, {@code null} for a person without one
     * @param addresses to recognise list addresses among them
     */
    public static Expansion expand(DistributionList list, List<String> mails, ListAddresses addresses) {
        Map<String, MailAddress> members = new LinkedHashMap<>();
        for (String mail : mails) {
            MailAddress address = parse(mail);
            if (address != null && addresses.parse(address).isEmpty()) {
                members.putIfAbsent(address.toString().toLowerCase(Locale.ROOT), address);
            }
        }
        List<MailAddress> found = new ArrayList<>(members.values());
        SmtpReply failure = found.isEmpty() ? SmtpReply.of(550, "5.1.1 <" + list.address() + ">: " + capitalised(list.describe())
                + " has no members: no application" + (list.allSites() ? " of any site" : " of this site")
                + " has a manager or owner with a mail address") : null;
        return new Expansion(list, found, failure);
    }

    /** The reply recorded for the list's own recipient once its message went to its members. */
    public static SmtpReply expanded(Expansion expansion, String queueId) {
        int count = expansion.members().size();
        return SmtpReply.of(250, "2.1.5 Expanded to " + count + (count == 1 ? " member" : " members") + " as " + queueId);
    }

    private static MailAddress parse(String mail) {
        if (mail == null || mail.isBlank()) {
            return null;
        }
        try {
            return MailAddress.parse(mail.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
