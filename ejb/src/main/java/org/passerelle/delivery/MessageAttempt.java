package org.passerelle.delivery;

import java.util.List;

/**
 * What became of one claimed message in a delivery round: the replies of every host tried; or it
 * was not tried (all its next hops are paused); or the attempt crashed.
 */
public record MessageAttempt(String queueId, Kind kind, List<HostReply> replies, Throwable crash) {

    public enum Kind { TRIED, UNTRIED, CRASHED }

    public static MessageAttempt tried(String queueId, List<HostReply> replies) {
        return new MessageAttempt(queueId, Kind.TRIED, List.copyOf(replies), null);
    }

    public static MessageAttempt untried(String queueId) {
        return new MessageAttempt(queueId, Kind.UNTRIED, List.of(), null);
    }

    public static MessageAttempt crashed(String queueId, Throwable crash) {
        return new MessageAttempt(queueId, Kind.CRASHED, List.of(), crash);
    }
}
