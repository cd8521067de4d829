package org.passerelle.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.FacesConverter;

/** Times as people read them, to the second, in the server's time zone: {@code 2026-12-06 09:44:46}. */
@FacesConverter(forClass = Instant.class)
public class InstantConverter implements Converter<Instant> {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Override
    public Instant getAsObject(FacesContext context, UIComponent component, String value) {
        return value == null || value.isBlank() ? null : Instant.from(SHOWN.parse(value));
    }

    @Override
    public String getAsString(FacesContext context, UIComponent component, Instant value) {
        return value == null ? "" : SHOWN.format(value);
    }
}
