package org.passerelle.api;

import java.util.List;

/**
 * The JSON body of a step of an incident: {@code state} to move it ({@code /state}), {@code causes}
 * to diagnose it ({@code /diagnosis}), {@code actor} and {@code assignee} to assign it
 * ({@code /assignment}), and a {@code comment} with each (alone on {@code /comments}).
 */
public record IncidentStepForm(String state, List<String> causes, String actor, String assignee, String comment) {
}
