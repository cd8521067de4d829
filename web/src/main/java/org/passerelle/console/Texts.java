package org.passerelle.console;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** The console's texts in the page's language (texts.properties, texts_fr.properties), and messages to show. */
final class Texts {

    private Texts() {
    }

    static String get(String key, Object... arguments) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "t");
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            pattern = key;
        }
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, faces.getViewRoot().getLocale()).format(arguments);
    }

    /** An error next to the field with that client id ({@code null}: for the whole page). */
    static void error(String clientId, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
        FacesContext.getCurrentInstance().validationFailed();
    }

    static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, text));
    }
}
