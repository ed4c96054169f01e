package org.dustwatch.report.render;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A figure beside the previous period (环比), as the report's sentences write it: the change and its
 * percentage of the previous figure, {@code 环比增加1,234辆（11.1%）}, {@code 环比持平}, or, when the previous
 * figure is 0 or missing, that there is no comparison. Ratios (the good-day ratio) change in
 * percentage points, concentrations as a percentage. The numbers follow {@link Numbers}.
 */
public final class Comparisons {
    private Comparisons() {}

    /** A count's change, with the unit of the count ({@code 辆}, {@code 起}, or {@code ""}). */
    public static String count(long current, long previous, String unitZh, Lang lang) {
        long delta = current - previous;
        if (delta == 0) {
            return same(lang);
        }
        if (previous == 0) {
            return noComparison(lang);
        }
        String amount = Numbers.count(Math.abs(delta));
        return phrase(
                delta > 0,
                lang == Lang.ZH ? amount + unitZh : amount,
                percentOf(BigInteger.valueOf(Math.abs(delta)), BigInteger.valueOf(previous)),
                lang);
    }

    /** A sum of yuan's change, the change written as {@link Numbers#yuan(long, Lang)} writes it. */
    public static String yuan(long current, long previous, Lang lang) {
        long delta = current - previous;
        if (delta == 0) {
            return same(lang);
        }
        if (previous == 0) {
            return noComparison(lang);
        }
        return phrase(
                delta > 0,
                Numbers.yuan(Math.abs(delta), lang),
                percentOf(BigInteger.valueOf(Math.abs(delta)), BigInteger.valueOf(previous)),
                lang);
    }

    /**
     * A mean concentration's change as a percentage of the previous mean ({@code 环比下降5.4%}); {@code
     * null} for a period without a valid mean.
     */
    public static String mean(BigDecimal current, BigDecimal previous, Lang lang) {
        if (current == null || previous == null) {
            return noComparison(lang);
        }
        int cmp = current.compareTo(previous);
        if (cmp == 0) {
            return same(lang);
        }
        if (previous.signum() == 0) {
            return noComparison(lang);
        }
        BigDecimal pct =
                current.subtract(previous)
                        .abs()
                        .multiply(BigDecimal.valueOf(100))
                        .divide(previous.abs(), 1, RoundingMode.HALF_EVEN);
        return rise(cmp > 0, lang) + lessThanATenth(pct, "%", lang) + onPrevious(lang);
    }

    /**
     * A ratio's change in percentage points, from the exact counts: {@code part/whole} now against
     * {@code prevPart/prevWhole} before, the difference rounded once. A period with a zero whole
     * has no ratio and so no comparison.
     */
    public static String ratio(long part, long whole, long prevPart, long prevWhole, Lang lang) {
        if (whole == 0 || prevWhole == 0) {
            return noComparison(lang);
        }
        BigInteger num =
                BigInteger.valueOf(part)
                        .multiply(BigInteger.valueOf(prevWhole))
                        .subtract(BigInteger.valueOf(prevPart).multiply(BigInteger.valueOf(whole)));
        if (num.signum() == 0) {
            return same(lang);
        }
        BigDecimal d =
                Numbers.percentValue(
                        num, BigInteger.valueOf(whole).multiply(BigInteger.valueOf(prevWhole)));
        String unit = lang.pick("个百分点", " percentage points");
        String amount =
                d.signum() == 0 ? lang.pick("不足0.1", "less than 0.1") : Numbers.group(d.abs());
        return rise(num.signum() > 0, lang) + amount + unit + onPrevious(lang);
    }

    private static String phrase(boolean up, String amount, BigDecimal pct, Lang lang) {
        String p = lessThanATenth(pct, "%", lang);
        return lang == Lang.ZH
                ? "环比" + (up ? "增加" : "减少") + amount + "（" + p + "）"
                : (up ? "up " : "down ") + amount + " (" + p + ") on the previous period";
    }

    private static String rise(boolean up, Lang lang) {
        return lang == Lang.ZH ? "环比" + (up ? "上升" : "下降") : (up ? "up " : "down ");
    }

    private static String onPrevious(Lang lang) {
        return lang.pick("", " on the previous period");
    }

    private static BigDecimal percentOf(BigInteger part, BigInteger whole) {
        return Numbers.percentValue(part, whole);
    }

    /** A change that rounds to 0.0 is not "0.0%": it is less than 0.1%. */
    private static String lessThanATenth(BigDecimal pct, String unit, Lang lang) {
        if (pct.signum() == 0) {
            return lang.pick("不足0.1", "less than 0.1") + unit;
        }
        return Numbers.group(pct) + unit;
    }

    private static String same(Lang lang) {
        return lang.pick("环比持平", "unchanged on the previous period");
    }

    private static String noComparison(Lang lang) {
        return lang.pick("上期无数据，无环比", "no comparison: nothing in the previous period");
    }
}
