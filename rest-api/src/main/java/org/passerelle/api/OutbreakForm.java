package org.passerelle.api;

/** The JSON body that switches outbreak mode: {@code {"on": true}}. */
public record OutbreakForm(Boolean on) {
}
