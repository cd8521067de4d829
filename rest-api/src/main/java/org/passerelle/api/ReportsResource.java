package org.passerelle.api;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Variant;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.passerelle.directory.Requester;
import org.passerelle.refusal.Refusal;
import org.passerelle.report.MonthlyReport;
import org.passerelle.report.MonthlyReports;
import org.passerelle.report.ReportCsv;
import org.passerelle.report.ReportJson;
import org.passerelle.report.ReportPdf;
import org.passerelle.report.StoredReport;
import org.passerelle.spool.QueueId;

/**
 * The monthly reports (docs/reports.md) under {@code /api/v1/reports}: the kept reports, newest
 * first; one month's report of a site ({@code ?site=}, default {@code all}) as JSON, CSV or PDF, by
 * {@code Accept} or by the suffix {@code .json}, {@code .csv}, {@code .pdf}; {@code POST} makes one
 * now (central, operations), {@code POST /{month}/mail} mails it to an application's managers and
 * owners (central, the application's owners). Every login may read: managers and owners see only
 * their applications (the ejb decides).
 */
@Path("reports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReportsResource {

    static final String PDF = "application/pdf";
    static final String CSV = "text/csv";
    private static final List<Variant> FORMATS = Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE, MediaType.valueOf(CSV),
            MediaType.valueOf(PDF)).build();

    @EJB
    private MonthlyReports reports;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @GET
    public Response list(@QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        Pages.check(limit, offset);
        List<Map<String, Object>> kept = reports.list().stream().map(this::summary).toList();
        return Pages.of(kept, limit, offset, uri);
    }

    /** One month's report in the format {@code Accept} asks for (JSON when it names none of the three). */
    @GET
    @Path("{month: \\d{4}-\\d{2}}")
    @Produces({MediaType.APPLICATION_JSON, CSV, PDF})
    public Response read(@PathParam("month") String month, @QueryParam("site") @DefaultValue(MonthlyReport.ALL_SITES) String site,
                         @Context Request request) {
        Variant chosen = request.selectVariant(FORMATS);
        return format(report(month, site), chosen == null ? "json" : switch (chosen.getMediaType().toString()) {
            case CSV -> "csv";
            case PDF -> "pdf";
            default -> "json";
        });
    }

    @GET
    @Path("{month: \\d{4}-\\d{2}}.{format: json|csv|pdf}")
    @Produces({MediaType.APPLICATION_JSON, CSV, PDF})
    public Response readAs(@PathParam("month") String month, @PathParam("format") String format,
                           @QueryParam("site") @DefaultValue(MonthlyReport.ALL_SITES) String site) {
        return format(report(month, site), format);
    }

    /** Makes the report of a month and site now, in place of the kept one. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response generate(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReportForm.class))) String body) {
        ReportForm form = Forms.read(body, ReportForm.class);
        if (form.month() == null) {
            throw Refusal.invalid("month", "the month of the report, as 2026-11");
        }
        String site = site(form.site());
        MonthlyReport report = reports.generate(requester(), month(form.month()), site);
        return Response.created(uri.getAbsolutePathBuilder().path(report.month().toString()).queryParam("site", site).build())
                .entity(ReportJson.toJson(report)).build();
    }

    /** Mails a report, with only the application, to its managers and owners, through Passerelle's own queue. */
    @POST
    @Path("{month: \\d{4}-\\d{2}}/mail")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response mail(@PathParam("month") String month, @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReportForm.class))) String body) {
        ReportForm form = Forms.read(body, ReportForm.class);
        if (form.month() != null && !form.month().equals(month)) {
            throw Refusal.invalid("month", "the month is the path's, " + month);
        }
        QueueId id = reports.mail(requester(), month(month), site(form.site()), form.application());
        return Response.accepted(Json.createObjectBuilder().add("queueId", id.value()).build()).build();
    }

    private MonthlyReport report(String month, String site) {
        return reports.read(requester(), month(month), site(site));
    }

    private static Response format(MonthlyReport report, String format) {
        String name = "passerelle-report-" + report.month() + "-" + report.site() + "." + format;
        return switch (format) {
            case "csv" -> Response.ok(ReportCsv.write(report), CSV + "; charset=UTF-8")
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").build();
            case "pdf" -> Response.ok(ReportPdf.render(report), PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").build();
            default -> Response.ok(ReportJson.toJson(report), MediaType.APPLICATION_JSON).build();
        };
    }

    private Map<String, Object> summary(StoredReport stored) {
        String path = uri.getBaseUriBuilder().path("reports").build() + "/" + stored.month();
        String query = "?site=" + stored.site();
        return Map.of("month", stored.month().toString(), "site", stored.site(), "generatedAt", stored.generatedAt().toString(),
                "generatedBy", stored.generatedBy(),
                "links", Map.of("json", path + ".json" + query, "csv", path + ".csv" + query, "pdf", path + ".pdf" + query));
    }

    private Requester requester() {
        return Requesters.of(security);
    }

    private static YearMonth month(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid("month", "a month as 2026-11, not " + text);
        }
    }

    private static String site(String text) {
        if (text == null || text.isBlank()) {
            return MonthlyReport.ALL_SITES;
        }
        if (!text.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw Refusal.invalid("site", "a gateway site's name, or all");
        }
        return text;
    }
}
