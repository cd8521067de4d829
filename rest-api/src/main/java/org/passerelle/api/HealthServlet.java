package org.passerelle.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.passerelle.health.CheckResult;
import org.passerelle.health.Health;
import org.passerelle.health.HealthReport;

/**
 * The probes: {@code GET /api/health/live} and {@code /api/health/ready}, without a login (web.xml),
 * over HTTP or HTTPS: 200 when every check is up, 503 otherwise, with each check's status in
 * MicroProfile Health's JSON form ({@code {"status":"UP","checks":[{"name":...,"status":...}]}}).
 * They tell whether this node can serve mail, never an address or a DN.
 */
@WebServlet("/health/*")
public class HealthServlet extends HttpServlet {

    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    private Health health;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String probe = request.getPathInfo() == null ? "" : request.getPathInfo();
        HealthReport report = switch (probe) {
            case "/live" -> health.live();
            case "/ready" -> health.ready();
            default -> null;
        };
        if (report == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setStatus(report.up() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(JSON.toJson(Map.of("status", status(report.up()),
                "checks", report.checks().stream().map(HealthServlet::check).toList())));
    }

    private static Map<String, Object> check(CheckResult result) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", result.name());
        check.put("status", status(result.up()));
        if (result.error() != null) {
            check.put("data", Map.of("error", result.error()));
        }
        return check;
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
