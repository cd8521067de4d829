package org.passerelle.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV as spreadsheets read it (RFC 4180, CRLF lines). A cell that a spreadsheet would take for a
 * formula ({@code = + - @}, or a tab or carriage return before one) is written with a leading
 * apostrophe, so that opening an export never runs what a sender or a client put in a field. The
 * one CSV writer: the console's exports and the monthly report.
 */
public final class Csv {

    private Csv() {
    }

    public static String of(List<String> header, List<List<String>> rows) {
        StringBuilder csv = new StringBuilder();
        line(csv, header);
        rows.forEach(row -> line(csv, row));
        return csv.toString();
    }

    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static void line(StringBuilder csv, List<String> cells) {
        csv.append(cells.stream().map(Csv::cell).collect(Collectors.joining(","))).append("\r\n");
    }
}
