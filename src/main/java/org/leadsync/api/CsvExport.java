package org.leadsync.api;

import java.util.List;

/** Rows as RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, a quote or a line break. */
public final class CsvExport {

    private static final String CRLF = "\r\n";

    private CsvExport() {
    }

    public static String write(List<String> header, List<List<String>> rows) {
        StringBuilder csv = new StringBuilder();
        line(csv, header);
        rows.forEach(row -> line(csv, row));
        return csv.toString();
    }

    /** One row with its CRLF, for a streamed export. */
    public static String line(List<String> cells) {
        StringBuilder csv = new StringBuilder();
        line(csv, cells);
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(cells.get(i)));
        }
        csv.append(CRLF);
    }

    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = defused(value);
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0 || text.startsWith(" ") || text.endsWith(" ");
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /**
     * Messages carry person data (a last name typed into a Marketo form); a cell starting like a formula would run
     * in a spreadsheet, so it gets a leading apostrophe (OWASP, CSV injection).
     */
    static String defused(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
