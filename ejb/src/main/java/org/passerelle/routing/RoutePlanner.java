package org.passerelle.routing;

import java.util.List;

import org.passerelle.smtp.MailAddress;

/** Routes the recipients of a message, grouped by next hops ({@link Router#planner()}). */
@FunctionalInterface
public interface RoutePlanner {

    RoutePlan plan(List<MailAddress> recipients);
}
