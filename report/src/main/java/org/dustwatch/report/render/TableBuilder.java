package org.dustwatch.report.render;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Doc.Table} row by row, each cell twice: as the reader sees it (grouped digits,
 * 万元, one-decimal percentages) and as the CSV holds it (the exact figure, no unit).
 */
final class TableBuilder {
    private final String name;
    private final String caption;
    private final List<String> headers;
    private final Lang lang;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<List<String>> raw = new ArrayList<>();
    private boolean[] numeric;
    private List<String> row;
    private List<String> rawRow;
    private List<Boolean> rowNumeric;

    TableBuilder(String name, String caption, Lang lang, List<String> headers) {
        this.name = name;
        this.caption = caption;
        this.lang = lang;
        this.headers = List.copyOf(headers);
    }

    TableBuilder row() {
        flush();
        row = new ArrayList<>();
        rawRow = new ArrayList<>();
        rowNumeric = new ArrayList<>();
        return this;
    }

    TableBuilder text(String s) {
        return cell(s == null ? "" : s, s == null ? "" : s, false);
    }

    TableBuilder count(long n) {
        return cell(Numbers.count(n), Long.toString(n), true);
    }

    TableBuilder yuan(long n) {
        return cell(Numbers.yuan(n, lang), Long.toString(n), true);
    }

    /** {@code part/whole} in percent with one decimal; the CSV gets the percentage too. */
    TableBuilder percent(long part, long whole) {
        if (whole == 0) {
            return cell("-", "", true);
        }
        return cell(
                Numbers.percent(part, whole),
                Numbers.percentValue(
                                java.math.BigInteger.valueOf(part),
                                java.math.BigInteger.valueOf(whole))
                        .toPlainString(),
                true);
    }

    /**
     * A decimal rounded to {@code scale} for reading; the CSV gets the value as the model has it.
     */
    TableBuilder decimal(Double v, int scale) {
        if (v == null) {
            return cell("-", "", true);
        }
        return cell(
                Numbers.decimal(BigDecimal.valueOf(v), scale),
                BigDecimal.valueOf(v).toPlainString(),
                true);
    }

    /**
     * A count's change against the previous period in percent of it, signed ({@code +11.1%}, {@code
     * -7.6%}); {@code -} (an empty CSV field) when the previous count is 0.
     */
    TableBuilder changePercent(long current, long previous) {
        if (previous == 0) {
            return current == 0
                    ? cell(lang.pick("持平", "unchanged"), "0.0", true)
                    : cell("-", "", true);
        }
        BigDecimal pct =
                Numbers.percentValue(
                        java.math.BigInteger.valueOf(current - previous),
                        java.math.BigInteger.valueOf(previous));
        if (current == previous) {
            return cell(lang.pick("持平", "unchanged"), pct.toPlainString(), true);
        }
        return cell(signed(pct, Long.signum(current - previous)) + "%", pct.toPlainString(), true);
    }

    /** A ratio's change in percentage points, signed; {@code -} when either period has none. */
    TableBuilder changePoints(long part, long whole, long prevPart, long prevWhole) {
        if (whole == 0 || prevWhole == 0) {
            return cell("-", "", true);
        }
        java.math.BigInteger w = java.math.BigInteger.valueOf(whole);
        java.math.BigInteger pw = java.math.BigInteger.valueOf(prevWhole);
        java.math.BigInteger num =
                java.math.BigInteger.valueOf(part)
                        .multiply(pw)
                        .subtract(java.math.BigInteger.valueOf(prevPart).multiply(w));
        BigDecimal d = Numbers.percentValue(num, w.multiply(pw));
        return cell(signed(d, num.signum()), d.toPlainString(), true);
    }

    /** {@code +1.2}, {@code -0.0} for a small fall, 持平 only for no change at all. */
    private String signed(BigDecimal rounded, int exactSign) {
        if (exactSign == 0) {
            return lang.pick("持平", "unchanged");
        }
        return (exactSign > 0 ? "+" : "-") + Numbers.group(rounded.abs());
    }

    Doc.Table build() {
        flush();
        if (numeric == null) {
            numeric = new boolean[headers.size()];
        }
        return new Doc.Table(name, caption, headers, rows, raw, numeric);
    }

    private TableBuilder cell(String shown, String exact, boolean isNumber) {
        row.add(shown);
        rawRow.add(exact);
        rowNumeric.add(isNumber);
        return this;
    }

    private void flush() {
        if (row == null) {
            return;
        }
        if (row.size() != headers.size()) {
            throw new IllegalStateException(
                    name
                            + ": a row of "
                            + row.size()
                            + " cells under "
                            + headers.size()
                            + " headers");
        }
        if (numeric == null) {
            numeric = new boolean[headers.size()];
            for (int i = 0; i < numeric.length; i++) {
                numeric[i] = rowNumeric.get(i);
            }
        }
        rows.add(List.copyOf(row));
        raw.add(List.copyOf(rawRow));
        row = null;
    }
}
