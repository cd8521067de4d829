package org.passerelle.console;

import java.io.IOException;
import java.io.Serializable;
import java.util.stream.Collectors;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.passerelle.directory.EntryKind;
import org.passerelle.directory.Requester;
import org.passerelle.directory.Visibility;

/**
 * The person logged in to the console, as the ejb beans know them: a {@link Requester}. What the menu
 * shows asks the same questions of it as the beans do before they act.
 */
@Named
@RequestScoped
public class ConsoleUser implements Serializable {

    @EJB
    private Visibility visibility;

    private Requester requester;

    public Requester requester() {
        if (requester == null) {
            HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
            requester = Requester.of(request.getUserPrincipal().getName(), request::isUserInRole);
        }
        return requester;
    }

    public String getLogin() {
        return requester().login();
    }

    /** The roles, for the header: empty for a manager or owner. */
    public String getRoles() {
        return requester().roles().stream().map(Requester.Role::containerName).sorted().collect(Collectors.joining(", "));
    }

    public boolean isCentral() {
        return requester().is(Requester.Role.CENTRAL);
    }

    public boolean isSeesEverything() {
        return requester().seesEverything();
    }

    public boolean isOperatesQueue() {
        return requester().operatesQueue();
    }

    public boolean reads(EntryKind kind) {
        return visibility.readable(requester(), kind).isPresent();
    }

    /** The first page: the dashboard for the roles that see everything, message tracking for the others. */
    public String home() {
        return isSeesEverything() ? "/dashboard.xhtml?faces-redirect=true" : "/tracking.xhtml?faces-redirect=true";
    }

    /** Ends the session and goes back to the first page, which asks for a login again. */
    public String logout() throws ServletException {
        ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
        ((HttpServletRequest) context.getRequest()).logout();
        context.invalidateSession();
        return "/index.xhtml?faces-redirect=true";
    }

    /** Answers 403 unless the condition holds: a page the requester may not use is refused, not shown empty. */
    public void require(boolean allowed) throws IOException {
        if (!allowed) {
            FacesContext faces = FacesContext.getCurrentInstance();
            faces.getExternalContext().responseSendError(403, "not for " + getLogin());
            faces.responseComplete();
        }
    }
}
