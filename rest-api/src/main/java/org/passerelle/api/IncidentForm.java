package org.passerelle.api;

/** The JSON body that raises an incident: what does not work, and the sender application it is about, if any. */
public record IncidentForm(String title, String description, String application) {
}
