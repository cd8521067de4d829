package org.passerelle.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.passerelle.smtp.client.DeliveryResult;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.RecipientResult;

/**
 * One group of recipients at its hosts (a route's MX hosts, best first): paused hosts are skipped;
 * the next host is tried while every recipient is deferred at the last one; every host's replies
 * are kept, and those of the last host tried settle the recipients.
 */
public final class HostFallback {

    private HostFallback() {
    }

    /** The group's hosts that are not paused, in order; none when the whole group waits. */
    public static List<NextHop> available(List<NextHop> candidates, Set<String> paused) {
        return candidates.stream().filter(hop -> !paused.contains(hop.toString())).toList();
    }

    /**
     * @param recipients the group's recipients, in the order of the transaction's replies
     * @param send       one mail transaction at a host
     */
    public static List<HostReply> deliver(List<NextHop> hosts, List<String> recipients, Function<NextHop, DeliveryResult> send, Clock clock) {
        List<HostReply> replies = new ArrayList<>();
        for (int c = 0; c < hosts.size(); c++) {
            NextHop hop = hosts.get(c);
            Instant start = clock.instant();
            DeliveryResult result = send.apply(hop);
            long millis = Duration.between(start, clock.instant()).toMillis();
            boolean settles = c == hosts.size() - 1 || !allDeferred(result);
            for (int i = 0; i < recipients.size(); i++) {
                replies.add(new HostReply(hop.toString(), recipients.get(i), result.recipients().get(i).reply(), result.tlsProtocol(),
                        start, millis, settles));
            }
            if (settles) {
                break;
            }
        }
        return replies;
    }

    private static boolean allDeferred(DeliveryResult result) {
        return result.recipients().stream().map(RecipientResult::reply).noneMatch(reply -> reply.positive() || reply.permanent());
    }
}
