package org.passerelle.echo;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.passerelle.smtp.MailAddress;

/**
 * Whether a message to the echo address gets its reply (RFC 3834 §2): never to the null sender,
 * never to the echo address itself (its own reply come back), never to a sender for whom no one
 * answers (neither a registered application nor an authenticated user: the sender may be forged,
 * and the reply would be backscatter), never to a message that is automatic itself
 * ({@code Auto-Submitted} other than {@code no}) or sent to a list or in bulk ({@code List-Id},
 * {@code List-Unsubscribe}, {@code Precedence: bulk | list | junk}); then at most the quota's
 * replies per sender and hour. The first rule that applies gives the reason.
 */
public final class EchoRules {

    private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "list", "junk");

    private final ReplyQuota quota;

    public EchoRules(ReplyQuota quota) {
        this.quota = quota;
    }

    /**
     * @param sender     the envelope sender, {@code null} for the null sender
     * @param vouchedFor whether the client is a registered application or authenticated
     */
    public EchoDecision decide(MailAddress sender, boolean vouchedFor, OriginalHeader header, MailAddress echo, Instant now) {
        if (sender == null) {
            return EchoDecision.notAnswered("null sender");
        }
        if (EchoAddress.same(echo, sender)) {
            return EchoDecision.notAnswered("sent by the echo address itself");
        }
        if (!vouchedFor) {
            return EchoDecision.notAnswered("neither a registered application nor an authenticated user");
        }
        Optional<String> autoSubmitted = header.field("Auto-Submitted");
        if (autoSubmitted.isPresent() && !keyword(autoSubmitted.get()).equals("no")) {
            return EchoDecision.notAnswered("Auto-Submitted: " + keyword(autoSubmitted.get()));
        }
        for (String listField : new String[] {"List-Id", "List-Unsubscribe"}) {
            if (header.field(listField).isPresent()) {
                return EchoDecision.notAnswered("list message (" + listField + ")");
            }
        }
        Optional<String> precedence = header.field("Precedence").map(EchoRules::keyword);
        if (precedence.isPresent() && BULK_PRECEDENCE.contains(precedence.get())) {
            return EchoDecision.notAnswered("Precedence: " + precedence.get());
        }
        if (!quota.take(sender, now)) {
            return EchoDecision.notAnswered("already " + quota.perHour() + " replies to <" + sender + "> within the hour");
        }
        return EchoDecision.answer();
    }

    /** The field's keyword, without parameters or comments, in lower case: {@code auto-generated; x=y} gives {@code auto-generated}. */
    private static String keyword(String value) {
        String keyword = value.split("[;(]", 2)[0].trim();
        return keyword.toLowerCase(Locale.ROOT);
    }
}
