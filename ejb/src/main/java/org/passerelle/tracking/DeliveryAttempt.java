package org.passerelle.tracking;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One attempt to hand one recipient of a message to a next hop, and the reply it got; written in batches by the delivery's {@code AttemptRecorder}. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "queue_id", nullable = false, length = 16)
    private String queueId;

    @Column(name = "recipient", nullable = false, length = 320)
    private String recipient;

    @Column(name = "attempted_at", nullable = false)
    private Instant attemptedAt;

    @Column(name = "next_hop", nullable = false, length = 300)
    private String nextHop;

    @Column(name = "reply_code", nullable = false)
    private int replyCode;

    @Column(name = "reply_text", nullable = false, length = 1000)
    private String replyText;

    @Column(name = "duration_ms", nullable = false)
    private long durationMillis;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false, length = 16)
    private RecipientState outcome;

    /** The TLS protocol of the connection (e.g. {@code TLSv1.3}); {@code null} in plain text or without a connection. */
    @Column(name = "tls_protocol", length = 16)
    private String tlsProtocol;

    protected DeliveryAttempt() {
    }

    public String getQueueId() {
        return queueId;
    }

    public String getRecipient() {
        return recipient;
    }

    public Instant getAttemptedAt() {
        return attemptedAt;
    }

    public String getNextHop() {
        return nextHop;
    }

    public int getReplyCode() {
        return replyCode;
    }

    public String getReplyText() {
        return replyText;
    }

    public long getDurationMillis() {
        return durationMillis;
    }

    public RecipientState getOutcome() {
        return outcome;
    }

    public String getTlsProtocol() {
        return tlsProtocol;
    }
}
