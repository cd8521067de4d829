package org.passerelle.delivery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the next hop answered for each recipient of one delivery attempt, in envelope order. */
public record DeliveryOutcome(Map<String, SmtpReply> replies) {

    public DeliveryOutcome {
        replies = Collections.unmodifiableMap(new LinkedHashMap<>(replies));
    }
}
