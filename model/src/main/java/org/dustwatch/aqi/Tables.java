package org.dustwatch.aqi;

import static org.dustwatch.aqi.Breakpoints.Segment;

/**
 * The breakpoint tables, as printed by their sources (docs/aqi.md lists them with citations). A
 * test checks every boundary of every row.
 */
final class Tables {
    private Tables() {}

    /** HJ 633 table 1, first column: the IAQI at each breakpoint. */
    static final int[] HJ_IAQI = {0, 50, 100, 150, 200, 300, 400, 500};

    // ---- HJ 633-2012, table 1 (µg/m³; CO mg/m³) -----------------------------------------
    static final Breakpoints HJ_SO2_24H =
            Breakpoints.contiguous(HJ_IAQI, 0, 50, 150, 475, 800, 1600, 2100, 2620);

    /** Ends at 800 (IAQI 200): above it the standard's over-800 rule applies. */
    static final Breakpoints HJ_SO2_1H = Breakpoints.contiguous(HJ_IAQI, 0, 150, 500, 650, 800);

    static final Breakpoints HJ_NO2_24H =
            Breakpoints.contiguous(HJ_IAQI, 0, 40, 80, 180, 280, 565, 750, 940);
    static final Breakpoints HJ_NO2_1H =
            Breakpoints.contiguous(HJ_IAQI, 0, 100, 200, 700, 1200, 2340, 3090, 3840);
    static final Breakpoints HJ_CO_24H =
            Breakpoints.contiguous(HJ_IAQI, 0, 2, 4, 14, 24, 36, 48, 60);
    static final Breakpoints HJ_CO_1H =
            Breakpoints.contiguous(HJ_IAQI, 0, 5, 10, 35, 60, 90, 120, 150);
    static final Breakpoints HJ_O3_1H =
            Breakpoints.contiguous(HJ_IAQI, 0, 160, 200, 300, 400, 800, 1000, 1200);

    /** Ends at 800 (IAQI 300): above it the standard's over-800 rule applies. */
    static final Breakpoints HJ_O3_8H = Breakpoints.contiguous(HJ_IAQI, 0, 100, 160, 215, 265, 800);

    static final Breakpoints HJ2012_PM10_24H =
            Breakpoints.contiguous(HJ_IAQI, 0, 50, 150, 250, 350, 420, 500, 600);
    static final Breakpoints HJ2012_PM25_24H =
            Breakpoints.contiguous(HJ_IAQI, 0, 35, 75, 115, 150, 250, 350, 500);

    // ---- HJ 633—2026: the particulate rows changed at IAQI 100 -------------------------
    static final Breakpoints HJ2026_PM10_24H =
            Breakpoints.contiguous(HJ_IAQI, 0, 50, 120, 250, 350, 420, 500, 600);
    static final Breakpoints HJ2026_PM25_24H =
            Breakpoints.contiguous(HJ_IAQI, 0, 35, 60, 115, 150, 250, 350, 500);

    // ---- US EPA, 2024 revision (ppm for O3 and CO, ppb for SO2 and NO2, µg/m³ for PM) ----
    static final Breakpoints EPA_O3_8H =
            Breakpoints.segments(
                    new Segment(0.000, 0.054, 0, 50),
                    new Segment(0.055, 0.070, 51, 100),
                    new Segment(0.071, 0.085, 101, 150),
                    new Segment(0.086, 0.105, 151, 200),
                    new Segment(0.106, 0.200, 201, 300));

    /** Starts at 0.125 ppm: below it only the 8-h average is indexed. */
    static final Breakpoints EPA_O3_1H =
            Breakpoints.segments(
                    new Segment(0.125, 0.164, 101, 150),
                    new Segment(0.165, 0.204, 151, 200),
                    new Segment(0.205, 0.404, 201, 300),
                    new Segment(0.405, 0.604, 301, 500));

    static final Breakpoints EPA_PM25_24H =
            Breakpoints.segments(
                    new Segment(0.0, 9.0, 0, 50),
                    new Segment(9.1, 35.4, 51, 100),
                    new Segment(35.5, 55.4, 101, 150),
                    new Segment(55.5, 125.4, 151, 200),
                    new Segment(125.5, 225.4, 201, 300),
                    new Segment(225.5, 325.4, 301, 500));
    static final Breakpoints EPA_PM10_24H =
            Breakpoints.segments(
                    new Segment(0, 54, 0, 50),
                    new Segment(55, 154, 51, 100),
                    new Segment(155, 254, 101, 150),
                    new Segment(255, 354, 151, 200),
                    new Segment(355, 424, 201, 300),
                    new Segment(425, 604, 301, 500));
    static final Breakpoints EPA_CO_8H =
            Breakpoints.segments(
                    new Segment(0.0, 4.4, 0, 50),
                    new Segment(4.5, 9.4, 51, 100),
                    new Segment(9.5, 12.4, 101, 150),
                    new Segment(12.5, 15.4, 151, 200),
                    new Segment(15.5, 30.4, 201, 300),
                    new Segment(30.5, 50.4, 301, 500));

    /** Ends at 304 ppb (IAQI 200): higher 1-h values are indexed by the 24-h average. */
    static final Breakpoints EPA_SO2_1H =
            Breakpoints.segments(
                    new Segment(0, 35, 0, 50),
                    new Segment(36, 75, 51, 100),
                    new Segment(76, 185, 101, 150),
                    new Segment(186, 304, 151, 200));

    static final Breakpoints EPA_SO2_24H =
            Breakpoints.segments(new Segment(305, 604, 201, 300), new Segment(605, 1004, 301, 500));
    static final Breakpoints EPA_NO2_1H =
            Breakpoints.segments(
                    new Segment(0, 53, 0, 50),
                    new Segment(54, 100, 51, 100),
                    new Segment(101, 360, 101, 150),
                    new Segment(361, 649, 151, 200),
                    new Segment(650, 1249, 201, 300),
                    new Segment(1250, 2049, 301, 500));
}
