package org.passerelle.smtp.server;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.passerelle.smtp.MessageDsn;
import org.passerelle.smtp.RecipientDsn;

/** Reads the DSN parameters of MAIL and RCPT (RFC 3461 §4); each method returns {@code null} for a bad value. */
final class DsnParameters {

    /** RFC 3461 §4.4. */
    static final int ENVID_MAX_LENGTH = 100;
    /** RFC 3461 §4.2: the whole ORCPT value is at most 500 characters. */
    static final int ORCPT_MAX_LENGTH = 500;

    private static final Pattern ADDRESS_TYPE = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+");

    private DsnParameters() {
    }

    static MessageDsn.Ret ret(String value) {
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "FULL" -> MessageDsn.Ret.FULL;
            case "HDRS" -> MessageDsn.Ret.HDRS;
            default -> null;
        };
    }

    static String envelopeId(String value) {
        return value.length() > ENVID_MAX_LENGTH ? null : Xtext.decode(value);
    }

    /** {@code NEVER}, or a comma-separated list of {@code SUCCESS}, {@code FAILURE}, {@code DELAY}. */
    static Set<RecipientDsn.Notify> notify(String value) {
        Set<RecipientDsn.Notify> events = EnumSet.noneOf(RecipientDsn.Notify.class);
        for (String word : value.split(",", -1)) {
            RecipientDsn.Notify event;
            try {
                event = RecipientDsn.Notify.valueOf(word.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                return null;
            }
            if (!events.add(event)) {
                return null;
            }
        }
        return events.contains(RecipientDsn.Notify.NEVER) && events.size() > 1 ? null : events;
    }

    /** The ORCPT value: its address type (e.g. {@code rfc822}) and the decoded address. */
    record OriginalRecipient(String type, String address) {
    }

    /** {@code addr-type ";" xtext}, or {@code null}. */
    static OriginalRecipient originalRecipient(String value) {
        int semicolon = value.indexOf(';');
        if (semicolon <= 0 || value.length() > ORCPT_MAX_LENGTH) {
            return null;
        }
        String type = value.substring(0, semicolon);
        String address = Xtext.decode(value.substring(semicolon + 1));
        return ADDRESS_TYPE.matcher(type).matches() && address != null && !address.isEmpty()
                ? new OriginalRecipient(type, address)
                : null;
    }
}
