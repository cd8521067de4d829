package org.passerelle.console;

import java.io.Serializable;
import java.util.Locale;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

/**
 * The language of the console: first the browser's (Faces picks it among the supported locales of
 * faces-config.xml from Accept-Language), then the one chosen in the header, for the session.
 */
@Named
@SessionScoped
public class Language implements Serializable {

    private Locale chosen;

    public Locale getLocale() {
        if (chosen != null) {
            return chosen;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        Locale browser = faces.getApplication().getViewHandler().calculateLocale(faces);
        return browser.getLanguage().equals("fr") ? Locale.FRENCH : Locale.ENGLISH;
    }

    public boolean isFrench() {
        return getLocale().getLanguage().equals("fr");
    }

    /** Switches to English or French and shows the same page again. */
    public String use(String language) {
        chosen = "fr".equals(language) ? Locale.FRENCH : Locale.ENGLISH;
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getViewRoot().setLocale(chosen);
        return faces.getViewRoot().getViewId() + "?faces-redirect=true&includeViewParams=true";
    }
}
