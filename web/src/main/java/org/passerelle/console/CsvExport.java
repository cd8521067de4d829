package org.passerelle.console;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;

import org.passerelle.report.Csv;

/** Sends a table as a CSV download in answer to the current (POST) request: every page's export; and other downloads. */
final class CsvExport {

    private CsvExport() {
    }

    static void send(String name, List<String> header, List<List<String>> rows) throws IOException {
        download(name + ".csv", "text/csv; charset=UTF-8", Csv.of(header, rows).getBytes(StandardCharsets.UTF_8));
    }

    /** Any file as a download in answer to the current (POST) request: a report's PDF, say. */
    static void download(String fileName, String contentType, byte[] body) throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        external.responseReset();
        external.setResponseContentType(contentType);
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        external.setResponseContentLength(body.length);
        try (OutputStream out = external.getResponseOutputStream()) {
            out.write(body);
        }
        faces.responseComplete();
    }
}
