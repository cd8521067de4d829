package org.passerelle.api;

import java.io.IOException;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

/**
 * The error page of the API's web.xml: errors the container answers before JAX-RS is reached (the
 * Basic challenge {@code 401}, paths outside {@code /v1}) get a problem body like every other error.
 * The container keeps the status and headers (among them {@code WWW-Authenticate}).
 * A failure while checking a login (the directory down) is answered 503, as the API's own
 * directory failures are.
 */
@WebServlet("/problem")
public class ContainerErrorServlet extends HttpServlet {

    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : HttpServletResponse.SC_NOT_FOUND;
        // A failure before anyone is authenticated is the realm failing: the directory is unreachable.
        if (status == HttpServletResponse.SC_INTERNAL_SERVER_ERROR && request.getUserPrincipal() == null) {
            status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.toJson(new Problem("about:blank", title, status, detail(status), null)));
    }

    private static String detail(int status) {
        return switch (status) {
            case HttpServletResponse.SC_UNAUTHORIZED -> "log in with HTTP Basic: a person's or service account's uid and password";
            case HttpServletResponse.SC_FORBIDDEN -> "your roles do not allow this";
            case HttpServletResponse.SC_NOT_FOUND -> "no such resource";
            case HttpServletResponse.SC_SERVICE_UNAVAILABLE -> "logins cannot be checked: the directory cannot be reached, try again later";
            default -> "the request could not be served";
        };
    }
}
