package org.passerelle.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.passerelle.smtp.MessageDsn;
import org.passerelle.smtp.RecipientDsn;

/**
 * The tracking record of one accepted message: who sent it, from where, to whom, what its sender
 * asked of delivery status notifications, and where it stands. Written in the same transaction that
 * makes the message durable.
 */
@Entity
@Table(name = "message")
public class TrackedMessage {

    /**
     * The messages {@code :ids} still claimed with {@code :token}, their recipients joined in: loading them
     * message by message cost a query each (a fifth of a delivery round's CPU). By their ids, since the
     * claim's token has no index (a claim's update is a heap-only one).
     */
    public static final String CLAIMED = "select m from TrackedMessage m join fetch m.recipients where m.queueId in :ids and m.claimToken = :token";

    @Id
    @Column(name = "queue_id", length = 16)
    private String queueId;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "listener", nullable = false, length = 32)
    private String listener;

    @Column(name = "client_address", nullable = false, length = 64)
    private String clientAddress;

    @Column(name = "helo_name", length = 255)
    private String heloName;

    /** The envelope sender; empty for the null sender. */
    @Column(name = "sender", nullable = false, length = 320)
    private String sender;

    /** The sender in lower case, for case-insensitive searches that can use an index. */
    @Column(name = "sender_search", nullable = false, length = 320)
    private String senderSearch;

    @Column(name = "message_id", length = 998)
    private String messageId;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    /** Whether the client declared an 8-bit body ({@code BODY=8BITMIME}), for the next hop to hear it too. */
    @Column(name = "eight_bit_mime", nullable = false)
    private boolean eightBitMime;

    /** Whether the client asked for SMTPUTF8, which the next hop must then offer. */
    @Column(name = "smtputf8", nullable = false)
    private boolean smtpUtf8;

    /** RET: how much of the message a failure notice returns; {@code null} when the sender did not say. */
    @Enumerated(EnumType.STRING)
    @Column(name = "dsn_ret", length = 4)
    private MessageDsn.Ret dsnReturn;

    /** ENVID, xtext-decoded: the sender's own name for this transaction, quoted back in notices. */
    @Column(name = "envelope_id", length = 100)
    private String envelopeId;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private MessageState state;

    @Column(name = "state_changed_at", nullable = false)
    private Instant stateChangedAt;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    /** When a queued or deferred message is due for its next attempt; none once it has left the queue. */
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    /** The delivery worker's claim on the message while it delivers it (see {@code DeliveryClaims}). */
    @Column(name = "claim_token", length = 64)
    private String claimToken;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    /** Claims since the last recorded attempt: those that never recorded one crashed. */
    @Column(name = "claims", nullable = false)
    private int claims;

    /** Why a held message is held. */
    @Column(name = "hold_reason", length = 1000)
    private String holdReason;

    /** Whether the sender has been told that the message is delayed (once is enough). */
    @Column(name = "delay_notified", nullable = false)
    private boolean delayNotified;

    /** The sender application the message came from, if it came from one. */
    @Column(name = "application", length = 64)
    private String application;

    /** The login the client authenticated as (SMTP AUTH), if it did. */
    @Column(name = "authenticated_user", length = 320)
    private String authenticatedUser;

    /**
     * The policy decisions of the session that sent it, one {@link SessionVerdict} a line; written
     * by the reception after the spool, never through this entity.
     */
    @Column(name = "policy_verdicts", length = SessionVerdict.STORED_LIMIT, updatable = false)
    private String policyVerdicts;

    /** On a notice Passerelle wrote: the queue id of the message it reports on; written by the bounces, never through this entity. */
    @Column(name = "notice_of", length = 16, updatable = false)
    private String noticeOf;

    /** The domain of the header From: of an application's message; written on acceptance, never through this entity. */
    @Column(name = "header_from_domain", length = 253, updatable = false)
    private String headerFromDomain;

    /** The domain that signed it (DKIM d=); {@code null}: not signed. */
    @Column(name = "dkim_domain", length = 253, updatable = false)
    private String dkimDomain;

    /** Whether From: aligns with the envelope sender (DMARC relaxed); {@code null} for mail that is not an application's. */
    @Column(name = "spf_aligned", updatable = false)
    private Boolean spfAligned;

    /** Whether From: aligns with the signing domain (DMARC relaxed); {@code null} for mail that is not an application's. */
    @Column(name = "dkim_aligned", updatable = false)
    private Boolean dkimAligned;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "message_recipient", joinColumns = @JoinColumn(name = "queue_id"))
    @OrderColumn(name = "position")
    private List<Recipient> recipients = new ArrayList<>();

    /** The listener of messages Passerelle writes itself. */
    public static final String LOCAL_LISTENER = "local";

    protected TrackedMessage() {
    }

    /** Records what DKIM and DMARC alignment the acceptance found (docs/dkim-and-alignment.md). */
    public TrackedMessage aligned(String headerFromDomain, String dkimDomain, boolean spfAligned, boolean dkimAligned) {
        this.headerFromDomain = headerFromDomain;
        this.dkimDomain = dkimDomain;
        this.spfAligned = spfAligned;
        this.dkimAligned = dkimAligned;
        return this;
    }

    public String getHeaderFromDomain() {
        return headerFromDomain;
    }

    public String getDkimDomain() {
        return dkimDomain;
    }

    public Boolean getSpfAligned() {
        return spfAligned;
    }

    public Boolean getDkimAligned() {
        return dkimAligned;
    }

    /** Records the policy decisions of the session that sent it. */
    public TrackedMessage decidedBy(List<SessionVerdict> verdicts) {
        this.policyVerdicts = SessionVerdict.lines(verdicts);
        return this;
    }

    /** Records that it is a notice about that message. */
    public TrackedMessage noticeAbout(String originalQueueId) {
        this.noticeOf = originalQueueId;
        return this;
    }

    /** Records the login the client authenticated as; {@code null} when it did not. */
    public TrackedMessage authenticatedAs(String login) {
        this.authenticatedUser = login;
        return this;
    }

    public TrackedMessage(String queueId, Instant receivedAt, String listener, String clientAddress, String heloName,
                          String application, String sender, String messageId, long sizeBytes, boolean eightBitMime,
                          boolean smtpUtf8, MessageDsn dsn, List<Recipient> recipients) {
        this.queueId = queueId;
        this.receivedAt = receivedAt;
        this.listener = listener;
        this.clientAddress = clientAddress;
        this.heloName = heloName;
        this.application = application;
        this.sender = sender;
        this.senderSearch = sender.toLowerCase(Locale.ROOT);
        this.messageId = messageId;
        this.sizeBytes = sizeBytes;
        this.eightBitMime = eightBitMime;
        this.smtpUtf8 = smtpUtf8;
        this.dsnReturn = dsn.ret();
        this.envelopeId = dsn.envelopeId();
        this.state = MessageState.QUEUED;
        this.stateChangedAt = receivedAt;
        this.nextAttemptAt = receivedAt;
        this.recipients.addAll(recipients);
    }

    public List<String> pendingRecipients() {
        return recipients.stream().filter(r -> r.getState() == RecipientState.PENDING).map(Recipient::getAddress).toList();
    }

    /** NOTIFY and ORCPT of the recipient with that address. */
    public RecipientDsn recipientDsn(String address) {
        return recipients.stream()
                .filter(r -> r.getAddress().equals(address))
                .findFirst()
                .map(Recipient::getDsn)
                .orElseThrow(() -> new IllegalArgumentException(address + " is not a recipient of " + queueId));
    }

    /** Records the outcome of an attempt for one recipient. */
    public void settle(String address, RecipientState outcome, String reply) {
        recipients.stream()
                .filter(r -> r.getAddress().equals(address) && r.getState() == RecipientState.PENDING)
                .findFirst()
                .ifPresent(r -> r.settle(outcome, reply));
    }

    /**
     * The recipient is answered by Passerelle itself as the message is accepted (the echo address):
     * settled delivered with that reply, no delivery attempt; a message with no other recipient
     * leaves the queue at once.
     */
    public TrackedMessage answeredHere(String address, String reply) {
        recipients.stream().filter(r -> r.getAddress().equals(address) && r.getState() == RecipientState.PENDING)
                .forEach(r -> r.settle(RecipientState.DELIVERED, reply));
        if (pendingRecipients().isEmpty()) {
            nextAttemptAt = null;
            moveTo(MessageState.DELIVERED, receivedAt);
        }
        return this;
    }

    /** Counts an attempt and moves the message to the state its recipients now give it. */
    public MessageState attempted(Instant when) {
        attempts++;
        MessageState next;
        if (!pendingRecipients().isEmpty()) {
            next = MessageState.DEFERRED;
        } else if (recipients.stream().anyMatch(r -> r.getState() == RecipientState.FAILED)) {
            next = MessageState.BOUNCED;
        } else {
            next = MessageState.DELIVERED;
        }
        if (next != MessageState.DEFERRED) {
            nextAttemptAt = null;
        }
        moveTo(next, when);
        return state;
    }

    /** A deferred message waits until then. */
    public void deferUntil(Instant due) {
        nextAttemptAt = due;
    }

    /** Every pending recipient fails with this reply: the message expired, or an operator bounced it. */
    public void failPending(String reply, Instant when) {
        recipients.stream().filter(r -> r.getState() == RecipientState.PENDING).forEach(r -> r.settle(RecipientState.FAILED, reply));
        nextAttemptAt = null;
        moveTo(recipients.stream().anyMatch(r -> r.getState() == RecipientState.FAILED)
                ? MessageState.BOUNCED : MessageState.DELIVERED, when);
    }

    /** Stops delivery until an operator releases the message. */
    public void hold(String reason, Instant when) {
        holdReason = reason;
        nextAttemptAt = null;
        moveTo(MessageState.HELD, when);
    }

    /** Back in the queue, due now. */
    public void release(Instant when) {
        holdReason = null;
        nextAttemptAt = when;
        claims = 0;
        moveTo(attempts == 0 ? MessageState.QUEUED : MessageState.DEFERRED, when);
    }

    /** Taken out of the queue by an operator: nothing more is sent, and no notice. */
    public void delete(Instant when) {
        nextAttemptAt = null;
        moveTo(MessageState.DELETED, when);
    }

    /** The claim ends with an attempt recorded: nothing crashed. */
    public void attemptRecorded() {
        release();
        claims = 0;
    }

    /** The claim ends without an attempt (it crashed): it stays counted. */
    public void release() {
        claimToken = null;
        claimedUntil = null;
    }

    String claimToken() {
        return claimToken;
    }

    Instant claimedUntil() {
        return claimedUntil;
    }

    /** Claims since the last recorded attempt. */
    public int getClaims() {
        return claims;
    }

    private void moveTo(MessageState next, Instant when) {
        if (next != state) {
            state = next;
            stateChangedAt = when;
        }
    }

    public String getQueueId() {
        return queueId;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public String getListener() {
        return listener;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public String getHeloName() {
        return heloName;
    }

    public String getSender() {
        return sender;
    }

    String senderSearch() {
        return senderSearch;
    }

    public String getMessageId() {
        return messageId;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public boolean isEightBitMime() {
        return eightBitMime;
    }

    public boolean isSmtpUtf8() {
        return smtpUtf8;
    }

    /** RET and ENVID as the sender gave them. */
    public MessageDsn getDsn() {
        return new MessageDsn(dsnReturn, envelopeId);
    }

    public MessageState getState() {
        return state;
    }

    public Instant getStateChangedAt() {
        return stateChangedAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public boolean isDelayNotified() {
        return delayNotified;
    }

    public void delayNotified() {
        delayNotified = true;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getHoldReason() {
        return holdReason;
    }

    public String getAuthenticatedUser() {
        return authenticatedUser;
    }

    /**
     * Whether someone answers for the envelope sender: the client authenticated, came from a
     * registered sender application, or the message is Passerelle's own. Anyone else may have forged it.
     */
    public boolean senderVouchedFor() {
        return authenticatedUser != null || application != null || LOCAL_LISTENER.equals(listener);
    }

    public String getApplication() {
        return application;
    }

    String policyVerdictLines() {
        return policyVerdicts;
    }

    /** The policy decisions of the session that sent it; none for a message Passerelle wrote. */
    public List<SessionVerdict> getPolicyVerdicts() {
        return SessionVerdict.parse(policyVerdicts);
    }

    /** The queue id of the message this notice reports on; {@code null} if it is no notice. */
    public String getNoticeOf() {
        return noticeOf;
    }

    public List<Recipient> getRecipients() {
        return List.copyOf(recipients);
    }
}
