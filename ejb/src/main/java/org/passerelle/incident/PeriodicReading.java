package org.passerelle.incident;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Something a monitor reads from outside, kept and read again once the reading is older than its
 * period. The SMTP listeners' certificate is read so, every {@code PSL_INCIDENT_CERTIFICATE_READ_MINUTES}:
 * its dates matter in days, and reading it is a TLS handshake with our own listener, which done
 * every minute took CPU from the mail and had the JIT recompile the listeners' code
 * (docs/performance.md). A failed reading is not kept: the next run reads again.
 */
final class PeriodicReading<T> {

    /** How the value is read. */
    interface Reader<T> {
        T read() throws IOException;
    }

    private final Duration period;
    private T last;
    private Instant readAt;

    PeriodicReading(Duration period) {
        this.period = period;
    }

    /** The value last read, or read now when there is none yet or it was read {@code period} ago or more. */
    synchronized T at(Instant now, Reader<T> reader) throws IOException {
        if (last == null || !now.isBefore(readAt.plus(period))) {
            last = reader.read();
            readAt = now;
        }
        return last;
    }
}
