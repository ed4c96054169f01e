package org.dustwatch.report.render;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Numbers as a Chinese official report writes them, in one place so that every format of the report
 * (HTML, Markdown, the PDF) shows the same figure the same way.
 *
 * <p>The rules (GB/T 15835—2011 for numerals, GB/T 8170—2008 for rounding):
 *
 * <ul>
 *   <li>Arabic numerals, with a comma between groups of three digits of the integer part (as in the
 *       issue's example, {@code 12,345辆}).
 *   <li><b>Sums of money</b> below 100,000 yuan are written whole ({@code 98,765元}); from 100,000
 *       yuan in 万元 with two decimals ({@code 123.45万元}); from 100,000,000 yuan in 亿元 with two
 *       decimals ({@code 1.23亿元}). The unit is chosen after rounding, so 99,999,999 yuan is {@code
 *       1.00亿元}, never {@code 10,000.00万元}. The English edition writes the sum whole ({@code
 *       1,234,500 yuan}). The exact yuan are in the tables, the CSV and the JSON.
 *   <li><b>Percentages</b> with one decimal ({@code 18.9%}); a change between two periods as a
 *       percentage of the previous period with one decimal; a change of a ratio (the good-day
 *       ratio) in percentage points with one decimal.
 *   <li><b>Rounding</b>: the exact value (a ratio of integers, or the decimal as given) is rounded
 *       once, to the nearest, an exact half to the even neighbour (GB/T 8170's 四舍六入五成双): 123.445万 →
 *       123.44万, 123.455万 → 123.46万, 6.25% → 6.2%, 18.75% → 18.8%.
 *   <li>Counts (vehicles, violations, days) are never put in 万: they are exact.
 * </ul>
 */
public final class Numbers {
    private static final BigDecimal WAN = BigDecimal.valueOf(10_000);
    private static final BigDecimal YI = BigDecimal.valueOf(100_000_000);

    /** From this many yuan, a sum is written in 万元. */
    public static final long WAN_THRESHOLD_YUAN = 100_000;

    private Numbers() {}

    /** A count with thousands separators: {@code 12,345}, {@code -1,234}, {@code 0}. */
    public static String count(long n) {
        return group(BigDecimal.valueOf(n));
    }

    /** A sum of yuan with its unit: {@code 98,765元}, {@code 123.45万元}, {@code 1.23亿元}. */
    public static String yuan(long yuan, Lang lang) {
        return yuan(BigDecimal.valueOf(yuan), lang);
    }

    /** A sum of yuan with its unit, see {@link #yuan(long, Lang)}. */
    public static String yuan(BigDecimal yuan, Lang lang) {
        if (lang == Lang.EN) {
            return group(yuan) + " yuan";
        }
        BigDecimal abs = yuan.abs();
        if (abs.compareTo(BigDecimal.valueOf(WAN_THRESHOLD_YUAN)) < 0) {
            return group(yuan) + "元";
        }
        BigDecimal wan = round(yuan.divide(WAN), 2);
        if (wan.abs().compareTo(WAN) < 0) {
            return group(wan) + "万元";
        }
        return group(round(yuan.divide(YI), 2)) + "亿元";
    }

    /**
     * {@code part / whole} as a percentage with one decimal and a {@code %}: 1/8 → {@code 12.5%}.
     */
    public static String percent(long part, long whole) {
        return group(percentValue(BigInteger.valueOf(part), BigInteger.valueOf(whole))) + "%";
    }

    /**
     * {@code part / whole × 100} rounded half to even to one decimal, computed exactly from the
     * integers (never through a binary double).
     */
    public static BigDecimal percentValue(BigInteger part, BigInteger whole) {
        if (whole.signum() == 0) {
            throw new ArithmeticException("percentage of a zero whole");
        }
        return new BigDecimal(part.multiply(BigInteger.valueOf(100)))
                .divide(new BigDecimal(whole), 1, RoundingMode.HALF_EVEN);
    }

    /** A decimal rounded half to even to {@code scale} places, with thousands separators. */
    public static String decimal(BigDecimal value, int scale) {
        return group(round(value, scale));
    }

    /** GB/T 8170 rounding: to the nearest, an exact half to the even neighbour. */
    public static BigDecimal round(BigDecimal value, int scale) {
        return value.setScale(scale, RoundingMode.HALF_EVEN);
    }

    /** A date as the edition writes it: {@code 2026年11月30日}, {@code 30 November 2026}. */
    public static String date(LocalDate d, Lang lang) {
        if (lang == Lang.ZH) {
            return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
        }
        return d.getDayOfMonth()
                + " "
                + d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                + " "
                + d.getYear();
    }

    /** The integer part grouped by threes with commas, the fraction as it is. */
    static String group(BigDecimal v) {
        String plain = v.toPlainString();
        String sign = plain.startsWith("-") ? "-" : "";
        String digits = sign.isEmpty() ? plain : plain.substring(1);
        int dot = digits.indexOf('.');
        String whole = dot < 0 ? digits : digits.substring(0, dot);
        String fraction = dot < 0 ? "" : digits.substring(dot);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                b.append(',');
            }
            b.append(whole.charAt(i));
        }
        return sign + b + fraction;
    }
}
