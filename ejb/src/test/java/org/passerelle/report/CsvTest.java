package org.passerelle.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void neutralisesCellsASpreadsheetWouldTakeForFormulas() {
        assertEquals("'+1", Csv.cell("+1"));
        assertEquals("'-2", Csv.cell("-2"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("'=1+1", Csv.cell("=1+1"));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", Csv.cell("=HYPERLINK(\"http://x\")"));
        assertEquals("a=b", Csv.cell("a=b"));
    }

    @Test
    void quotesSeparatorsQuotesAndLineBreaks() {
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
        assertEquals("", Csv.cell(null));
    }

    @Test
    void writesAHeaderAndRowsWithCrlf() {
        assertEquals("queue id,sender\r\nABC,'=cmd\r\n",
                Csv.of(List.of("queue id", "sender"), List.of(Arrays.asList("ABC", "=cmd"))));
    }
}
