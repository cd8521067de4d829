package org.passerelle.api;

/** The JSON body that makes a DKIM key: {@code {"domain": "managed.test"}}. */
public record DkimKeyForm(String domain) {
}
