package org.dustwatch.bench;

import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dustwatch.model.Checkpoint;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Station;
import org.dustwatch.report.ReportPeriod;
import org.dustwatch.stack.InfluxServer;

/**
 * Synthetic points of the measurements the campaign report reads, in the pipeline's schema
 * (docs/schema.md), for {@link ReportBenchmark}: per checkpoint its daily and hourly inspection
 * points, per township its hourly inspections and air, per station its hourly AQI reports, per
 * township and the district their daily AQI reports, the minutes' {@code pipeline} and {@code
 * refusals} counts, and a few alerts. The pipeline's minute points of inspections and air are left
 * out: the report's queries select other {@code window} tags, whose series they do not read.
 */
final class BenchPoints {

    private BenchPoints() {}

    static final String[] LEVELS = {"", "优", "良", "轻度污染", "中度污染", "重度污染", "严重污染"};

    /** Writes the points of every day of {@code days}; returns how many. */
    static long write(
            InfluxServer.Client influx,
            String db,
            ReferenceData ref,
            ReportPeriod days,
            SplittableRandom r) {
        Batch b = new Batch(influx, db);
        for (LocalDate d = days.from(); !d.isAfter(days.to()); d = d.plusDays(1)) {
            long day = d.atStartOfDay(ReportPeriod.ZONE).toInstant().toEpochMilli();
            for (Checkpoint cp : ref.checkpoints()) {
                String tags =
                        ",checkpoint="
                                + cp.id()
                                + ",road="
                                + esc(cp.road())
                                + ",township="
                                + esc(cp.township());
                long[] total = new long[7];
                for (int h = 0; h < 24; h++) {
                    long[] c = inspections(r, 7);
                    for (int i = 0; i < 7; i++) {
                        total[i] += c[i];
                    }
                    b.add(
                            "checkpoint_inspections" + tags + ",window=1h " + fields(c),
                            day + h * 3_600_000L);
                }
                b.add("checkpoint_inspections" + tags + ",window=1d " + fields(total), day);
            }
            for (String t : ref.townships()) {
                for (int h = 0; h < 24; h++) {
                    long at = day + h * 3_600_000L;
                    b.add(
                            "township_inspections,township="
                                    + esc(t)
                                    + ",window=1h "
                                    + fields(inspections(r, 180)),
                            at);
                    b.add(
                            String.format(
                                    Locale.ROOT,
                                    "township_air_quality,township=%s,window=1h pm10_mean=%.2f,pm25_mean=%.2f,readings=%di",
                                    esc(t),
                                    60 + 80 * r.nextDouble(),
                                    30 + 50 * r.nextDouble(),
                                    60),
                            at);
                }
                b.add(
                        aqi(
                                "scope=township,standard=HJ633-2026,township="
                                        + esc(t)
                                        + ",window=1d",
                                r),
                        day);
            }
            b.add(aqi("scope=district,standard=HJ633-2026,window=1d", r), day);
            for (Station st : ref.stations()) {
                for (int h = 0; h < 24; h++) {
                    b.add(
                            aqi(
                                    "scope=station,standard=HJ633-2026,station="
                                            + st.id()
                                            + ",township="
                                            + esc(st.township())
                                            + ",window=1h",
                                    r),
                            day + h * 3_600_000L);
                }
            }
            for (int m = 0; m < 1440; m++) {
                long at = day + m * 60_000L;
                for (String source : new String[] {"dustwatch.inspections", "dustwatch.readings"}) {
                    b.add(
                            "pipeline,source="
                                    + source
                                    + ",window=1m valid="
                                    + (20 + r.nextInt(20))
                                    + "i,dead_letters=0i,late=0i,clock_skew=0i,clock_ahead=0i,duplicates="
                                    + (r.nextInt(50) == 0 ? 1 : 0)
                                    + "i,corrections=0i",
                            at);
                    if (r.nextInt(20) == 0) {
                        b.add(
                                "refusals,reason=MALFORMED_JSON,source="
                                        + source
                                        + ",window=1m count=1i",
                                at);
                    }
                }
            }
            if (r.nextInt(3) == 0) {
                String t = ref.townships().first();
                String id = "pollution_episode:township:" + t + ":" + day;
                b.add(
                        "alerts,kind=pollution_episode,level=township,severity=warning,state=open,subject="
                                + esc(t)
                                + " id=\""
                                + id
                                + "\",active=1i,observed=4.0,baseline=2.0,message=\"an episode\",window_end="
                                + (day + 3_600_000L)
                                + "i",
                        day);
            }
        }
        b.flush();
        return b.points;
    }

    static long[] inspections(SplittableRandom r, int mean) {
        long n = r.nextInt(2 * mean + 1);
        long v = 0, u = 0, o = 0, l = 0, s = 0;
        for (long i = 0; i < n; i++) {
            if (r.nextInt(100) < 18) {
                v++;
                u += r.nextInt(2);
                o += r.nextInt(5) == 0 ? 1 : 0;
                l += r.nextInt(3) == 0 ? 1 : 0;
                s += r.nextInt(3) == 0 ? 1 : 0;
            }
        }
        return new long[] {n, v, u, o, l, s, 200 * u + 500 * o + 1000 * l + 2000 * s};
    }

    static String fields(long[] c) {
        return String.format(
                Locale.ROOT,
                "inspected=%di,violating=%di,violation_rate=%.4f,uncovered=%di,overheight=%di,overload=%di,spillage=%di,fines_yuan=%di",
                c[0],
                c[1],
                c[0] == 0 ? 0.0 : (double) c[1] / c[0],
                c[2],
                c[3],
                c[4],
                c[5],
                c[6]);
    }

    static String aqi(String tags, SplittableRandom r) {
        int aqi = 30 + r.nextInt(200);
        int level = aqi <= 50 ? 1 : aqi <= 100 ? 2 : aqi <= 150 ? 3 : aqi <= 200 ? 4 : 5;
        boolean na = r.nextInt(30) == 0;
        return String.format(
                Locale.ROOT,
                "aqi,%s status=\"%s\",aqi=%di,level=%di,category=\"%s\",primary_pollutant=\"%s\",pm25_24h=%.2f,pm10_24h=%.2f,so2_24h=%.2f,no2_24h=%.2f,co_24h=%.3f,o3_8h=%.2f",
                tags,
                na ? "NA" : "ok",
                na ? -1 : aqi,
                na ? -1 : level,
                na ? "NA" : LEVELS[level],
                aqi > 50 && !na ? "PM2.5" : "",
                20 + 100 * r.nextDouble(),
                40 + 150 * r.nextDouble(),
                5 + 20 * r.nextDouble(),
                20 + 40 * r.nextDouble(),
                0.5 + r.nextDouble(),
                40 + 120 * r.nextDouble());
    }

    static String esc(String tag) {
        return tag.replace(",", "\\,").replace(" ", "\\ ").replace("=", "\\=");
    }

    /** Line protocol in batches of 5,000 points, millisecond timestamps. */
    static final class Batch {
        final InfluxServer.Client influx;
        final String db;
        final StringBuilder lines = new StringBuilder();
        int pending;
        long points;

        Batch(InfluxServer.Client influx, String db) {
            this.influx = influx;
            this.db = db;
        }

        void add(String line, long ms) {
            lines.append(line).append(' ').append(ms).append('\n');
            pending++;
            points++;
            if (pending == 5_000) {
                flush();
            }
        }

        void flush() {
            if (pending > 0) {
                influx.write(db, lines.toString());
                lines.setLength(0);
                pending = 0;
            }
        }
    }
}
