package org.dustwatch.aqi;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The tests' own reading of a printed HJ 633 row: linear interpolation between its breakpoints,
 * rounded up (HJ 633—2026 4.2.6). It uses nothing from the code under test.
 */
final class Oracle {
    private Oracle() {}

    /**
     * The IAQI of {@code c} on a row written as {@code "0:0 35:50 60:100 ..."}
     * (concentration:IAQI), or {@code -1} above the row's last breakpoint.
     */
    static int iaqi(String row, BigDecimal c) {
        String[] pairs = row.trim().split("\\s+");
        for (int k = 1; k < pairs.length; k++) {
            BigDecimal lo = new BigDecimal(pairs[k - 1].split(":")[0]);
            BigDecimal hi = new BigDecimal(pairs[k].split(":")[0]);
            int iLo = Integer.parseInt(pairs[k - 1].split(":")[1]);
            int iHi = Integer.parseInt(pairs[k].split(":")[1]);
            if (c.compareTo(lo) >= 0 && c.compareTo(hi) <= 0) {
                BigDecimal rise = BigDecimal.valueOf(iHi - iLo).multiply(c.subtract(lo));
                return iLo + rise.divide(hi.subtract(lo), 0, RoundingMode.CEILING).intValueExact();
            }
        }
        return -1;
    }

    /** The breakpoint concentrations of a row. */
    static String[] breakpoints(String row) {
        String[] pairs = row.trim().split("\\s+");
        String[] out = new String[pairs.length];
        for (int k = 0; k < pairs.length; k++) {
            out[k] = pairs[k].split(":")[0];
        }
        return out;
    }
}
