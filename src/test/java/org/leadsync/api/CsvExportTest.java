package org.leadsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvExportTest {

    @Test
    void awkwardValuesSurviveARoundTripThroughAnRfc4180Parser() throws IOException {
        List<String> header = List.of("id", "message", "code");
        List<List<String>> rows = List.of(
                List.of("1", "plain", "required"),
                List.of("2", "comma, inside", "x"),
                List.of("3", "she said \"no\"", "y"),
                List.of("4", "two\r\nlines\nand one", "z"),
                Arrays.asList("5", null, ""),
                List.of("6", "  padded  ", "ü€"));
        String csv = CsvExport.write(header, rows);
        assertTrue(csv.startsWith("id,message,code\r\n"), csv);

        List<CSVRecord> parsed = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        assertEquals(rows.size() + 1, parsed.size());
        assertEquals(header, parsed.get(0).toList());
        for (int i = 0; i < rows.size(); i++) {
            List<String> expected = rows.get(i).stream().map(v -> v == null ? "" : v).toList();
            assertEquals(expected, parsed.get(i + 1).toList(), "row " + i);
        }
    }

    @Test
    void cellsThatLookLikeFormulasAreDefused() throws IOException {
        String csv = CsvExport.write(List.of("message"), List.of(List.of("=HYPERLINK(\"http://x\")"), List.of("-1+2"),
                List.of("@SUM(A1)"), List.of("fine = ok")));
        List<CSVRecord> parsed = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        assertEquals("'=HYPERLINK(\"http://x\")", parsed.get(1).get(0));
        assertEquals("'-1+2", parsed.get(2).get(0));
        assertEquals("'@SUM(A1)", parsed.get(3).get(0));
        assertEquals("fine = ok", parsed.get(4).get(0));
    }

    @Test
    void fieldsAreQuotedOnlyWhenNeeded() {
        assertEquals("abc", CsvExport.field("abc"));
        assertEquals("\"a,b\"", CsvExport.field("a,b"));
        assertEquals("\"a\"\"b\"", CsvExport.field("a\"b"));
        assertEquals("", CsvExport.field(null));
    }
}
