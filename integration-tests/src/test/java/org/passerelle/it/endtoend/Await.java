package org.passerelle.it.endtoend;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for what other processes do (a node, a broker, a replica), looking again every quarter second. */
final class Await {

    private Await() {
    }

    /** Returns once the condition holds; fails naming what was awaited, and what the context says then, after the timeout. */
    static void until(BooleanSupplier condition, Duration timeout, String what, Supplier<String> context) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not within " + timeout + "\n" + context.get());
            }
            PasserelleServer.sleep(Duration.ofMillis(250));
        }
    }

    static void until(BooleanSupplier condition, Duration timeout, String what) {
        until(condition, timeout, what, () -> "");
    }
}
