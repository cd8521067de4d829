package org.passerelle.routing;

import org.passerelle.smtp.MailAddress;

/** A recipient that cannot be routed now (temporary failure) or ever (permanent failure). */
public record Unroutable(MailAddress recipient, RouteFailure failure, String rule) implements Resolution {
}
