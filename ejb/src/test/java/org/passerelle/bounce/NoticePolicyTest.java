package org.passerelle.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.passerelle.smtp.MessageDsn;
import org.passerelle.smtp.RecipientDsn;
import org.passerelle.smtp.RecipientDsn.Notify;
import org.passerelle.smtp.client.SmtpReply;
import org.passerelle.tracking.Recipient;
import org.passerelle.tracking.TrackedMessage;

class NoticePolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static RecipientOutcome outcome(String recipient, Action action) {
        SmtpReply reply = switch (action) {
            case FAILED -> SmtpReply.of(550, "5.1.1 User unknown");
            case DELAYED -> SmtpReply.of(451, "4.3.0 Try again later");
            case DELIVERED, RELAYED -> SmtpReply.of(250, "2.0.0 Ok: queued");
        };
        return RecipientOutcome.of(recipient, action, reply, "mx.example.org", NOW);
    }

    private static Set<Notify> notify(String values) {
        return values.isEmpty() ? Set.of()
                : Arrays.stream(values.split(",")).map(Notify::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Notify.class)));
    }

    private static TrackedMessage messageTo(String notifyValues) {
        return TrackedMessages.from("billing@managed.test", MessageDsn.NONE,
                new Recipient("dave@example.org", new RecipientDsn(notify(notifyValues), null, null)));
    }

    private static boolean noticeFor(String notifyValues, Action action) {
        return !NoticePolicy.notices(messageTo(notifyValues), List.of(outcome("dave@example.org", action))).isEmpty();
    }

    @ParameterizedTest(name = "NOTIFY={0}: failure {1}, delay {2}, success {3}")
    @CsvSource({
            "'',                     true,  true,  false",
            "NEVER,                  false, false, false",
            "SUCCESS,                false, false, true",
            "FAILURE,                true,  false, false",
            "DELAY,                  false, true,  false",
            "'SUCCESS,FAILURE',      true,  false, true",
            "'FAILURE,DELAY',        true,  true,  false",
            "'SUCCESS,DELAY',        false, true,  true",
            "'SUCCESS,FAILURE,DELAY', true, true,  true"
    })
    void notifiesOnlyTheEventsNotifyNames(String notifyValues, boolean failure, boolean delay, boolean success) {
        assertEquals(failure, noticeFor(notifyValues, Action.FAILED), "failure");
        assertEquals(delay, noticeFor(notifyValues, Action.DELAYED), "delay");
        assertEquals(success, noticeFor(notifyValues, Action.RELAYED), "relayed");
        assertEquals(success, noticeFor(notifyValues, Action.DELIVERED), "delivered");
    }

    @Test
    void neverNotifiesTheNullSender() {
        RecipientDsn everything = new RecipientDsn(EnumSet.of(Notify.SUCCESS, Notify.FAILURE, Notify.DELAY), null, null);
        TrackedMessage notice = TrackedMessages.from("", MessageDsn.NONE, new Recipient("billing@managed.test", everything));
        for (Action action : Action.values()) {
            assertTrue(NoticePolicy.notices(notice, List.of(outcome("billing@managed.test", action))).isEmpty(), action.name());
        }
    }

    @Test
    void sendsOneNoticePerKindListingEveryRecipientWithThatOutcome() {
        RecipientDsn all = new RecipientDsn(EnumSet.of(Notify.SUCCESS, Notify.FAILURE, Notify.DELAY), null, null);
        TrackedMessage message = TrackedMessages.from("billing@managed.test", MessageDsn.NONE,
                new Recipient("a@example.org", all), new Recipient("b@example.org", all), new Recipient("c@example.org", all),
                new Recipient("d@example.org", all), new Recipient("e@example.org", RecipientDsn.NONE));
        List<Notice> notices = NoticePolicy.notices(message, List.of(
                outcome("d@example.org", Action.RELAYED), outcome("a@example.org", Action.FAILED),
                outcome("b@example.org", Action.DELAYED), outcome("c@example.org", Action.FAILED),
                outcome("e@example.org", Action.RELAYED)));
        assertEquals(List.of(NoticeKind.FAILURE, NoticeKind.DELAY, NoticeKind.SUCCESS), notices.stream().map(Notice::kind).toList());
        assertEquals(List.of("a@example.org", "c@example.org"), recipients(notices.get(0)));
        assertEquals(List.of("b@example.org"), recipients(notices.get(1)));
        assertEquals(List.of("d@example.org"), recipients(notices.get(2)), "e gave no NOTIFY, which does not ask for success");
    }

    @Test
    void carriesEachRecipientsOriginalRecipient() {
        TrackedMessage message = TrackedMessages.from("billing@managed.test", MessageDsn.NONE,
                new Recipient("dave@example.org", new RecipientDsn(Set.of(), "rfc822", "Dave.Original@example.org")));
        Notice notice = NoticePolicy.notices(message, List.of(outcome("dave@example.org", Action.FAILED))).get(0);
        assertEquals("Dave.Original@example.org", notice.entries().get(0).request().originalRecipient());
    }

    @Test
    void refusesAnOutcomeForSomeoneWhoIsNotARecipient() {
        assertThrows(IllegalArgumentException.class,
                () -> NoticePolicy.notices(messageTo(""), List.of(outcome("mallory@example.org", Action.FAILED))));
    }

    @ParameterizedTest(name = "{0} notice, RET={1}: {2}")
    @CsvSource({
            "FAILURE, FULL, MESSAGE",
            "FAILURE, HDRS, HEADERS",
            "FAILURE,     , MESSAGE",
            "DELAY,   FULL, HEADERS",
            "DELAY,   HDRS, HEADERS",
            "DELAY,       , HEADERS",
            "SUCCESS, FULL, HEADERS",
            "SUCCESS, HDRS, HEADERS",
            "SUCCESS,     , HEADERS"
    })
    void returnsTheWholeMessageOnlyInFailuresAndOnlyUnlessRetAsksForHeaders(NoticeKind kind, MessageDsn.Ret ret,
                                                                          ReturnedContent returned) {
        assertEquals(returned, NoticePolicy.returned(kind, ret, true));
    }

    @Test
    void aFailureNoticeToASenderNobodyVouchesForReturnsTheHeadersOnly() {
        TrackedMessage forged = TrackedMessages.fromUnregisteredClient("victim@example.net", MessageDsn.NONE,
                new Recipient("it-desk@corp.test", RecipientDsn.NONE));
        assertEquals(ReturnedContent.HEADERS,
                NoticePolicy.notices(forged, List.of(outcome("it-desk@corp.test", Action.FAILED))).get(0).returned());
        TrackedMessage fullAsked = TrackedMessages.fromUnregisteredClient("victim@example.net",
                new MessageDsn(MessageDsn.Ret.FULL, null), new Recipient("it-desk@corp.test", RecipientDsn.NONE));
        assertEquals(ReturnedContent.HEADERS,
                NoticePolicy.notices(fullAsked, List.of(outcome("it-desk@corp.test", Action.FAILED))).get(0).returned());
    }

    @Test
    void aFailureNoticeToAnAuthenticatedSenderReturnsTheWholeMessage() {
        TrackedMessage message = TrackedMessages.fromUnregisteredClient("alice@managed.test", MessageDsn.NONE,
                new Recipient("dave@example.org", RecipientDsn.NONE)).authenticatedAs("alice");
        assertEquals(ReturnedContent.MESSAGE,
                NoticePolicy.notices(message, List.of(outcome("dave@example.org", Action.FAILED))).get(0).returned());
    }

    @Test
    void aNoticeReturnsWhatRetAsks() {
        TrackedMessage message = TrackedMessages.from("billing@managed.test", new MessageDsn(MessageDsn.Ret.HDRS, null),
                new Recipient("dave@example.org", RecipientDsn.NONE));
        assertEquals(ReturnedContent.HEADERS,
                NoticePolicy.notices(message, List.of(outcome("dave@example.org", Action.FAILED))).get(0).returned());
    }

    private static List<String> recipients(Notice notice) {
        return notice.entries().stream().map(entry -> entry.outcome().recipient()).toList();
    }
}
