package org.dustwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneId;
import org.dustwatch.aqi.Average;
import org.dustwatch.aqi.Standard;
import org.dustwatch.aqi.SubIndex;
import org.dustwatch.connectors.influxdb.LineProtocol;
import org.dustwatch.jobs.functions.aqi.IndexReports;
import org.dustwatch.jobs.io.AqiPoints;
import org.dustwatch.jobs.records.AqiInput;
import org.dustwatch.jobs.records.AqiReport;
import org.junit.jupiter.api.Test;

/**
 * Indexing the pipeline's averages: which standard, indicator set, plan and rounding apply, and how
 * the report becomes a point. The expected indices are worked out by hand from HJ 633's tables
 * (docs/aqi.md), not with the library.
 */
class IndexReportsTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final long NOV_20 = Instant.parse("2026-11-19T16:00:00Z").toEpochMilli();
    static final long FEB_20 = Instant.parse("2026-02-19T16:00:00Z").toEpochMilli();
    static final int ALL = 0b111111;
    static final int PM25_ONLY = 0b000001;

    static AqiInput input(String window, long start, int plan, Object... averageValue) {
        BigDecimal[] a = new BigDecimal[Average.values().length];
        for (int i = 0; i < averageValue.length; i += 2) {
            Object v = averageValue[i + 1];
            a[((Average) averageValue[i]).ordinal()] =
                    v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
        }
        return new AqiInput("township", "Dongcheng", "Dongcheng", window, start, a, plan, 2);
    }

    static AqiReport index(AqiInput in) {
        return new IndexReports(null, ZONE, false).map(in);
    }

    @Test
    void anAreaMeanOfExactlyAHalfRoundsToEvenAndAMissingPlannedPollutantMakesItNa() {
        // two stations' 60 and 61: the area's exact mean 60.5 rounds to 60 (GB/T 8170): IAQI 100
        BigDecimal mean =
                new BigDecimal("121").divide(BigDecimal.valueOf(2), MathContext.DECIMAL128);
        AqiReport na = index(input("1h", NOV_20, ALL, Average.PM25_1H, mean));
        assertThat(na.standard()).isEqualTo("HJ633-2026");
        assertThat(na.iaqi()[SubIndex.PM25.ordinal()]).isEqualTo(100);
        assertThat(na.aqi()).isEqualTo(100);
        // the other five pollutants are planned and missing, and the AQI is 100 or less (5.3.1)
        assertThat(na.published()).isFalse();
        assertThat(na.status()).isEqualTo("NA");
        assertThat(na.missing()).isEqualTo("SO2,NO2,CO,O3,PM10");
        assertThat(na.averages()[Average.PM25_1H.ordinal()]).isEqualTo(60.5);

        // planned for PM2.5 only (5.3.2): published, level 2, PM2.5 primary
        AqiReport ok = index(input("1h", NOV_20, PM25_ONLY, Average.PM25_1H, mean));
        assertThat(ok.published()).isTrue();
        assertThat(ok.aqi()).isEqualTo(100);
        assertThat(ok.level()).isEqualTo(2);
        assertThat(ok.category()).isEqualTo("良");
        assertThat(ok.primary()).isEqualTo("PM2.5");
        assertThat(ok.missing()).isEmpty();
        assertThat(ok.advice()).isNotEmpty();
        assertThat(ok.sensitiveGroups()).as("no sub-index above 100").isEmpty();
    }

    @Test
    void aDailyReportUsesTheDailySetAndAboveAHundredIsPublishedDespiteMissingPollutants() {
        // 75.5 → 76; IAQI 100 + 50 × (76 − 60) / (115 − 60) = 114.5…, rounded up: 115
        AqiReport r = index(input("1d", NOV_20, ALL, Average.PM25_24H, "75.5"));
        assertThat(r.iaqi()[SubIndex.PM25.ordinal()]).isEqualTo(115);
        assertThat(r.aqi()).isEqualTo(115);
        assertThat(r.published()).as("above 100: published (5.3.1)").isTrue();
        assertThat(r.level()).isEqualTo(3);
        assertThat(r.sensitiveGroups()).isNotEmpty();
        assertThat(r.exceeding()).as("no exceeding pollutants under 2026").isEmpty();
    }

    @Test
    void averagesOutsideTheReportsSetAreKeptButNotIndexed() {
        // the 2026 real-time report has no 8-h O3 (4.2.3): its average is kept, not indexed
        AqiReport r =
                index(
                        input(
                                "1h",
                                NOV_20,
                                PM25_ONLY,
                                Average.PM25_1H,
                                "30",
                                Average.O3_8H,
                                "300",
                                Average.PM25_24H,
                                "200"));
        assertThat(r.iaqi()[SubIndex.O3_8H.ordinal()]).isEqualTo(-1);
        assertThat(r.iaqi()[SubIndex.PM25.ordinal()]).as("from the 1-h mean").isEqualTo(43);
        assertThat(r.averages()[Average.O3_8H.ordinal()]).isEqualTo(300);
    }

    @Test
    void before2026TheRealTimeReportIndexesTheMovingPmMeansUnrounded() {
        // HJ 633-2012: PM2.5 24-h moving 75.4 → 100 + 50 × 0.4 / 40 = 100.5, rounded up: 101
        AqiReport r =
                index(
                        input(
                                "1h",
                                FEB_20,
                                PM25_ONLY,
                                Average.PM25_1H,
                                "300",
                                Average.PM25_24H,
                                "75.4"));
        assertThat(r.standard()).isEqualTo("HJ633-2012");
        assertThat(r.iaqi()[SubIndex.PM25.ordinal()]).isEqualTo(101);
        assertThat(r.exceeding()).isEqualTo("PM2.5");
        // with GB/T 8170 rounding switched on for 2012: 75.4 → 75 → IAQI 100
        AqiReport rounded =
                new IndexReports(null, ZONE, true)
                        .map(input("1h", FEB_20, PM25_ONLY, Average.PM25_24H, "75.4"));
        assertThat(rounded.iaqi()[SubIndex.PM25.ordinal()]).isEqualTo(100);
    }

    @Test
    void inEpaModeTheHourlyParticulateIndexIsTheNowCasts() {
        // PM2.5 NowCast 35.4 µg/m³ is the top of the EPA's 51–100 band: 100
        AqiReport r =
                new IndexReports(Standard.US_EPA_2024, ZONE, false)
                        .map(input("1h", NOV_20, PM25_ONLY, Average.PM25_NOWCAST, "35.4"));
        assertThat(r.standard()).isEqualTo("US-EPA-2024");
        assertThat(r.iaqi()[SubIndex.PM25.ordinal()]).isEqualTo(100);
    }

    @Test
    void nothingToIndexIsStillAReportSoThatItOverwritesAnEarlierOne() {
        AqiReport r = index(input("1h", NOV_20, ALL));
        assertThat(r.published()).isFalse();
        assertThat(r.aqi()).isEqualTo(-1);
        assertThat(r.missing()).isEqualTo("SO2,NO2,CO,O3,PM10,PM2.5");
    }

    @Test
    void everyFieldIsWrittenEveryTimeWithNaAndAbsenceEncoded() {
        String na =
                LineProtocol.toLine(
                        new AqiPoints()
                                .toPoint(index(input("1h", NOV_20, ALL, Average.PM25_1H, "30"))));
        String ok =
                LineProtocol.toLine(
                        new AqiPoints()
                                .toPoint(
                                        index(
                                                input(
                                                        "1h",
                                                        NOV_20,
                                                        PM25_ONLY,
                                                        Average.PM25_1H,
                                                        "30"))));
        for (String line : new String[] {na, ok}) {
            for (SubIndex s : SubIndex.values()) {
                assertThat(line).contains("iaqi_" + s.field() + "=");
            }
            for (Average a : Average.values()) {
                assertThat(line).contains(a.name().toLowerCase(java.util.Locale.ROOT) + "=");
            }
        }
        assertThat(na)
                .contains("status=\"NA\"")
                .contains("aqi=-1i")
                .contains("level=-1i")
                .contains("category=\"NA\"")
                .contains("iaqi_pm25=43i")
                .contains("iaqi_so2=-1i")
                .contains("so2_1h=-1,") // a float: no "i"
                .contains("pm25_1h=30,");
        assertThat(ok).contains("status=\"ok\"").contains("aqi=43i").contains("level=1i");
        // the same fields in both: a re-emission overwrites every one of them
        assertThat(fieldNames(na)).isEqualTo(fieldNames(ok));
    }

    static java.util.Set<String> fieldNames(String line) {
        String fields = line.substring(line.indexOf(' ') + 1, line.lastIndexOf(' '));
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String kv : fields.split(",(?=[a-z0-9_]+=)")) {
            names.add(kv.substring(0, kv.indexOf('=')));
        }
        return names;
    }
}
