package org.gridgov.event.stats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.gridgov.event.stats.Rates.Row;

/** The figures as a spreadsheet (XLSX) or CSV, with the same columns as the JSON answer. */
final class Exports {
    static final String CSV = "text/csv; charset=UTF-8";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static final List<String> HEADER = List.of("month", "key", "reported", "closed", "closureRate", "onTimeRate", "firstTimeRate",
            "satisfactionRate", "reworkRate", "meanHoursToClose", "p90HoursToClose");
    /** the same columns, as a street office hands them in */
    static final List<String> HEADER_ZH = List.of("月份", "单位", "立案数", "办结数", "办结率", "按期办结率", "一次办结率", "满意率", "返工率",
            "平均办结时长(小时)", "90%办结时长(小时)");

    private Exports() {
    }

    private static Object[] cells(Row r) {
        return new Object[] { r.month(), r.key(), r.reported(), r.closed(), r.closureRate(), r.onTimeRate(), r.firstTimeRate(),
                r.satisfactionRate(), r.reworkRate(), r.meanHoursToClose(), r.p90HoursToClose() };
    }

    /** RFC 4180 CSV with a UTF-8 byte order mark, so that spreadsheet programs read the Chinese names. */
    static String csv(List<Row> rows) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append(String.join(",", HEADER)).append("\r\n");
        for (Row r : rows) {
            Object[] c = cells(r);
            for (int i = 0; i < c.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(field(c[i]));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    static String field(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        // a leading =, +, - or @ would be a formula to a spreadsheet program
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(v instanceof Number)) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    static byte[] xlsx(List<Row> rows, String sheetName) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(bytes, "gridgov", "1.0");
            Worksheet ws = wb.newWorksheet(sheetName);
            for (int c = 0; c < HEADER_ZH.size(); c++) {
                ws.value(0, c, HEADER_ZH.get(c));
                ws.style(0, c).bold().set();
            }
            for (int r = 0; r < rows.size(); r++) {
                Object[] c = cells(rows.get(r));
                for (int i = 0; i < c.length; i++) {
                    Object v = c[i];
                    if (v instanceof Number n) {
                        ws.value(r + 1, i, n);
                        if (i >= 4 && i <= 8) {
                            ws.style(r + 1, i).format("0.0%").set();
                        }
                    } else if (v != null) {
                        ws.value(r + 1, i, v.toString());
                    }
                }
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
