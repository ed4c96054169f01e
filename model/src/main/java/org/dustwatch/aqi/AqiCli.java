package org.dustwatch.aqi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dustwatch.cli.Args;
import org.dustwatch.cli.UsageException;

/** {@code bin/dustwatch aqi}: the AQI of given concentrations, for analysts and for checks. */
public final class AqiCli {

    static final String USAGE =
            """
            usage: bin/dustwatch aqi [--standard S | --date YYYY-MM-DD] [--report hourly|daily]
                                     [--json] CONCENTRATION...

              --standard S   HJ633-2026, HJ633-2012 or US-EPA-2024
              --date D       pick the Chinese standard in force on D: HJ633-2012 before
                             2026-03-01, HJ633-2026 from then on (default: today's, HJ633-2026)
              --report R     hourly (the real-time report, default) or daily
              --json         print JSON instead of text

            Concentrations, in µg/m³ (CO in mg/m³):
              --pm25 --pm10 --so2 --no2 --co
                             the average the report indexes: hourly 1-h, daily 24-h
                             (US-EPA-2024: PM 24-h, CO 8-h, SO2 and NO2 1-h)
              --o3-1h --o3-8h
                             ozone's 1-h and 8-h (moving) averages; for a daily report the
                             day's maximum of each
              --so2-24h      hourly reports: SO2's 24-h average, used when the 1-h one is
                             above the 1-h table (HJ633-2012, US-EPA-2024)
              --AVERAGE      any average by name: so2-1h so2-24h no2-1h no2-24h co-1h co-8h
                             co-24h o3-1h o3-8h pm25-1h pm25-24h pm10-1h pm10-24h

            example: bin/dustwatch aqi --standard HJ633-2026 --pm25 75 --pm10 150 --o3-8h 120
            docs/aqi.md explains the rules and their sources.
            """;

    private static final Set<String> SHORT = Set.of("pm25", "pm10", "so2", "no2", "co");

    private AqiCli() {}

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    static int run(String[] argv, PrintStream out, PrintStream err) {
        try {
            Set<String> valued = new HashSet<>(Set.of("standard", "date", "report"));
            valued.addAll(SHORT);
            for (Average a : Average.values()) {
                valued.add(a.option());
            }
            Args a = Args.parse(argv, valued, Set.of("json"));
            if (a.help()) {
                out.print(USAGE);
                return 0;
            }
            if (!a.positional().isEmpty()) {
                throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
            }
            Standard standard = standard(a);
            Report report = parse(() -> Report.parse(a.string("report", "hourly")));
            Concentrations c = Concentrations.none();
            for (Average avg : Average.values()) {
                c = set(c, avg, a.string(avg.option(), null), "--" + avg.option());
            }
            for (String s : SHORT) {
                Average avg = shorthand(s, standard, report);
                String v = a.string(s, null);
                if (v != null && c.has(avg)) {
                    throw new UsageException(
                            "--" + s + " and --" + avg.option() + " both set " + avg.option());
                }
                c = set(c, avg, v, "--" + s);
            }
            Optional<AqiResult> r = AirQualityIndex.compute(standard, report, c);
            if (r.isEmpty()) {
                throw new UsageException(
                        "no sub-index could be computed: give at least one concentration that the "
                                + report.name().toLowerCase(Locale.ROOT)
                                + " report of "
                                + standard.id()
                                + " indexes (see --help)");
            }
            out.print(a.flag("json") ? json(r.get(), c) : text(r.get(), c));
            return 0;
        } catch (UsageException e) {
            err.println("dustwatch aqi: " + e.getMessage());
            return 2;
        }
    }

    /** What a short option means under a standard and report. */
    static Average shorthand(String name, Standard s, Report r) {
        boolean hourly = r == Report.HOURLY;
        if (s == Standard.US_EPA_2024) {
            return switch (name) {
                case "pm25" -> Average.PM25_24H;
                case "pm10" -> Average.PM10_24H;
                case "so2" -> Average.SO2_1H;
                case "no2" -> Average.NO2_1H;
                case "co" -> Average.CO_8H;
                default -> throw new IllegalArgumentException(name);
            };
        }
        return switch (name) {
            case "pm25" -> hourly ? Average.PM25_1H : Average.PM25_24H;
            case "pm10" -> hourly ? Average.PM10_1H : Average.PM10_24H;
            case "so2" -> hourly ? Average.SO2_1H : Average.SO2_24H;
            case "no2" -> hourly ? Average.NO2_1H : Average.NO2_24H;
            case "co" -> hourly ? Average.CO_1H : Average.CO_24H;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Standard standard(Args a) {
        String s = a.string("standard", null);
        String d = a.string("date", null);
        if (s != null && d != null) {
            throw new UsageException("give --standard or --date, not both");
        }
        if (s != null) {
            return parse(() -> Standard.parse(s));
        }
        try {
            return Standard.forDate(d == null ? LocalDate.now() : LocalDate.parse(d));
        } catch (DateTimeParseException e) {
            throw new UsageException("--date must be YYYY-MM-DD, was '" + d + "'");
        }
    }

    private static Concentrations set(Concentrations c, Average avg, String v, String option) {
        if (v == null) {
            return c;
        }
        double x;
        try {
            x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number, was '" + v + "'");
        }
        if (!(x >= 0) || Double.isInfinite(x)) {
            throw new UsageException(option + " must be a concentration >= 0, was '" + v + "'");
        }
        return c.with(avg, x);
    }

    private static <T> T parse(java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static String text(AqiResult r, Concentrations c) {
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        "standard   %s, %s report%n",
                        r.standard().id(), r.report().name().toLowerCase(Locale.ROOT)));
        b.append(String.format("AQI        %d%n", r.aqi()));
        b.append(
                String.format(
                        "level      %d  %s  %s  %s%n",
                        r.level(), r.chinese(), r.english(), r.colour()));
        b.append(
                String.format(
                        "primary    %s%n",
                        r.primary().isEmpty() ? "-" : String.join(", ", r.primary())));
        b.append(
                String.format(
                        "exceeding  %s%n",
                        r.exceeding().isEmpty() ? "-" : String.join(", ", r.exceeding())));
        b.append("IAQI\n");
        for (var e : r.iaqi().entrySet()) {
            b.append(String.format("  %-6s %4d%n", e.getKey().field(), e.getValue()));
        }
        b.append("from");
        for (Average a : Average.values()) {
            if (c.has(a)) {
                b.append(String.format(" %s=%s %s", a.option(), num(c.get(a)), a.unit()));
            }
        }
        return b.append('\n').toString();
    }

    static String json(AqiResult r, Concentrations c) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("standard", r.standard().id());
        o.put("report", r.report().name().toLowerCase(Locale.ROOT));
        o.put("aqi", r.aqi());
        o.put("level", r.level());
        o.put("category", r.chinese());
        o.put("category_en", r.english());
        o.put("colour", r.colour());
        r.primary().forEach(o.putArray("primary_pollutants")::add);
        r.exceeding().forEach(o.putArray("exceeding")::add);
        ObjectNode iaqi = o.putObject("iaqi");
        r.iaqi().forEach((k, v) -> iaqi.put(k.field(), v));
        ObjectNode in = o.putObject("concentrations");
        Map<Average, Double> given = new EnumMap<>(Average.class);
        for (Average a : Average.values()) {
            if (c.has(a)) {
                given.put(a, c.get(a));
            }
        }
        given.forEach((k, v) -> in.put(k.option(), v));
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
