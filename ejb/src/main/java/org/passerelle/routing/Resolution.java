package org.passerelle.routing;

import org.passerelle.smtp.MailAddress;

/** What routing decided for one recipient: a {@link Route}, or why there is none ({@link Unroutable}). */
public sealed interface Resolution permits Route, Unroutable {

    /** The recipient as the envelope names it (before any rewriting). */
    MailAddress recipient();

    /** The rule that decided, for logs and tracking, e.g. {@code route partner.test} or {@code MX of example.org}. */
    String rule();
}
