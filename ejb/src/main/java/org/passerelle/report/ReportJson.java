package org.passerelle.report;

import java.io.StringReader;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;

import org.passerelle.dkim.DmarcFailure;

/**
 * A {@link MonthlyReport} as JSON: what the API answers and what {@code monthly_report} keeps
 * ({@link #read} gives the same report back). Derived figures (this month, the change, the silent
 * applications) are written for readers and ignored when read.
 */
public final class ReportJson {

    private ReportJson() {
    }

    public static JsonObject toJson(MonthlyReport report) {
        JsonArrayBuilder applications = Json.createArrayBuilder();
        for (ApplicationTraffic app : report.applications()) {
            JsonObjectBuilder line = Json.createObjectBuilder().add("name", app.name());
            nullable(line, "entity", app.entity());
            line.add("monthly", longs(app.monthly())).add("thisMonth", app.thisMonth()).add("previousMonth", app.previousMonth());
            percent(line, "changePercent", app.changePercent());
            applications.add(line.add("registered", app.registered()));
        }
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("month", report.month().toString())
                .add("site", report.site())
                .add("generatedAt", report.generatedAt().toString())
                .add("months", Json.createArrayBuilder(report.months().stream().map(YearMonth::toString).toList()))
                .add("applications", applications)
                .add("totals", longs(report.totals()))
                .add("total", report.total());
        percent(json, "totalChangePercent", report.totalChangePercent());
        return json.add("silent", Json.createArrayBuilder(report.silent().stream().map(ApplicationTraffic::name).toList()))
                .add("added", changes(report.added()))
                .add("removed", changes(report.removed()))
                .add("dmarcFailures", dmarcFailures(report.dmarcFailures()))
                .build();
    }

    public static String write(MonthlyReport report) {
        return toJson(report).toString();
    }

    public static MonthlyReport read(String text) {
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            json = reader.readObject();
        }
        List<ApplicationTraffic> applications = json.getJsonArray("applications").getValuesAs(JsonObject.class).stream()
                .map(app -> new ApplicationTraffic(app.getString("name"), text(app, "entity"), longs(app.getJsonArray("monthly")),
                        app.getBoolean("registered")))
                .toList();
        return new MonthlyReport(YearMonth.parse(json.getString("month")), json.getString("site"),
                Instant.parse(json.getString("generatedAt")),
                json.getJsonArray("months").getValuesAs(jakarta.json.JsonString.class).stream().map(s -> YearMonth.parse(s.getString())).toList(),
                applications, longs(json.getJsonArray("totals")), changes(json.getJsonArray("added")), changes(json.getJsonArray("removed")),
                json.containsKey("dmarcFailures") ? dmarcFailures(json.getJsonArray("dmarcFailures")) : List.of());
    }

    private static JsonArrayBuilder changes(List<ApplicationChange> changes) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (ApplicationChange change : changes) {
            JsonObjectBuilder item = Json.createObjectBuilder().add("application", change.application());
            nullable(item, "entity", change.entity());
            array.add(item.add("appliedAt", change.appliedAt().toString()).add("request", change.request()));
        }
        return array;
    }

    private static List<ApplicationChange> changes(JsonArray array) {
        return array.getValuesAs(JsonObject.class).stream()
                .map(c -> new ApplicationChange(c.getString("application"), text(c, "entity"), Instant.parse(c.getString("appliedAt")),
                        c.getJsonNumber("request").longValue()))
                .toList();
    }

    private static JsonArrayBuilder dmarcFailures(List<DmarcFailure> failures) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (DmarcFailure failure : failures) {
            array.add(Json.createObjectBuilder().add("application", failure.application()).add("messages", failure.messages())
                    .add("failing", failure.failing()).add("fromDomains", Json.createArrayBuilder(failure.fromDomains()))
                    .add("envelopeDomains", Json.createArrayBuilder(failure.envelopeDomains())));
        }
        return array;
    }

    private static List<DmarcFailure> dmarcFailures(JsonArray array) {
        return array.getValuesAs(JsonObject.class).stream()
                .map(f -> new DmarcFailure(f.getString("application"), f.getJsonNumber("messages").longValue(),
                        f.getJsonNumber("failing").longValue(), strings(f.getJsonArray("fromDomains")), strings(f.getJsonArray("envelopeDomains"))))
                .toList();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private static JsonArrayBuilder longs(List<Long> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    private static List<Long> longs(JsonArray array) {
        return array.getValuesAs(JsonNumber.class).stream().map(JsonNumber::longValue).toList();
    }

    private static void nullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static void percent(JsonObjectBuilder json, String name, Double value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static String text(JsonObject json, String name) {
        return json.isNull(name) ? null : json.getString(name);
    }
}
