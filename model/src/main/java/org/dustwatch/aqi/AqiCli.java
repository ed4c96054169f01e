package org.dustwatch.aqi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.dustwatch.cli.Cli;
import org.dustwatch.cli.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code bin/dustwatch aqi}: the AQI of given concentrations, for analysts and for checks. */
@Command(
        name = "aqi",
        header = "The AQI of given concentrations (HJ 633-2012, HJ 633—2026, US EPA 2024).",
        sortOptions = false,
        modelTransformer = AqiCli.Averages.class,
        customSynopsis = {
            "dustwatch aqi [--standard=S | --date=YYYY-MM-DD] [--report=hourly|daily]",
            "              [--plan=P,...] [--round-2012] [--json] CONCENTRATION..."
        },
        description = {
            "It prints AQI, level, primary pollutant, the sub-indices, the concentrations as"
                    + " given and as indexed, and HJ 633's health effects, advice and sensitive"
                    + " groups.",
            ""
        },
        footer = {
            "",
            "Concentrations are in µg/m³ (CO in mg/m³), as decimals. --pm25 --pm10 --so2",
            "--no2 --co are the average that carries the report's sub-index:",
            "  HJ633-2026 hourly: the 1-h means (PM against the 24-h column)",
            "  HJ633-2012 hourly: the 1-h means of SO2, NO2 and CO; the 24-h",
            "    moving means of PM2.5 and PM10 (table 4)",
            "  HJ633-20xx daily:  the 24-h means",
            "  US-EPA-2024:       PM NowCast (hourly) or 24-h (daily), CO 8-h,",
            "                     SO2 and NO2 1-h",
            "--o3-1h and --o3-8h are ozone's 1-h and 8-h (moving) means; for a daily",
            "report the day's maximum of each. HJ633-2026 hourly takes only --o3-1h,",
            "HJ633-2026 daily only --o3-8h. Any average can be given by name, as --so2-1h",
            "... --pm10-nowcast.",
            "",
            "Each report takes only its own averages; any other is an error naming the",
            "clause.",
            "  HJ633-2026 hourly  so2-1h no2-1h co-1h o3-1h pm10-1h pm25-1h (4.2.3)",
            "  HJ633-2026 daily   so2-24h no2-24h co-24h o3-8h pm10-24h pm25-24h (4.2.2)",
            "  HJ633-2012 hourly  so2-1h no2-1h co-1h o3-1h o3-8h pm10-24h pm25-24h,",
            "                     and pm10-1h pm25-1h (published, no sub-index),",
            "                     so2-24h (over-800 rule) (5.1.3)",
            "  HJ633-2012 daily   so2-24h no2-24h co-24h o3-1h o3-8h pm10-24h pm25-24h",
            "                     (5.1.2)",
            "  US-EPA-2024 hourly o3-8h o3-1h pm25-nowcast pm10-nowcast co-8h so2-1h",
            "                     no2-1h, so2-24h (1-h SO2 above 304 ppb)",
            "  US-EPA-2024 daily  o3-8h o3-1h pm25-24h pm10-24h co-8h so2-1h no2-1h,",
            "                     so2-24h",
            "",
            "example: bin/dustwatch aqi --standard HJ633-2026 --report daily --pm25 60.4",
            "docs/aqi.md explains the rules and their sources."
        })
public final class AqiCli implements Callable<Integer> {

    private static final List<String> SHORT = List.of("pm25", "pm10", "so2", "no2", "co");

    @Mixin Cli.Help help;
    @Spec CommandSpec spec;

    @Option(
            names = "--standard",
            paramLabel = "S",
            converter = StandardConverter.class,
            description = "HJ633-2026, HJ633-2012 or US-EPA-2024")
    Standard standard;

    @Option(
            names = "--date",
            paramLabel = "D",
            description = {
                "pick the Chinese standard in force on D: HJ633-2012 before 2026-03-01,"
                        + " HJ633-2026 from then on (default: today's)"
            })
    LocalDate date;

    @Option(
            names = "--report",
            paramLabel = "R",
            converter = ReportConverter.class,
            description = "hourly (the real-time report, default) or daily")
    Report report = Report.HOURLY;

    @Option(
            names = "--plan",
            paramLabel = "P,...",
            description = {
                "the pollutants the site's monitoring plan covers, from so2 no2 co o3 pm10 pm25,"
                        + " or all (HJ 633—2026 5.3.2). Under HJ633-2026 a pollutant of the plan"
                        + " without a value makes AQI, level and primary pollutant NA unless the"
                        + " AQI of the others is above 100 (5.3.1). Default: the pollutants given,"
                        + " so nothing is NA. HJ633-2012 and US-EPA-2024 have no NA rule."
            })
    String plan;

    @Option(
            names = "--round-2012",
            description = {
                "round concentrations per GB/T 8170 under HJ633-2012 too (whole µg/m³, CO to 0.1"
                        + " mg/m³, halves to even), as HJ633-2026 does (4.2.2); HJ 633-2012 itself"
                        + " prescribes no rounding"
            })
    boolean round2012;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    // Concentrations stay text until the standard and report are known: whether an average is
    // accepted comes first, and each error names the option as given.
    @Option(names = "--pm25", paramLabel = "C", description = "PM2.5: the report's average")
    String pm25;

    @Option(names = "--pm10", paramLabel = "C", description = "PM10: the report's average")
    String pm10;

    @Option(names = "--so2", paramLabel = "C", description = "SO2: the report's average")
    String so2;

    @Option(names = "--no2", paramLabel = "C", description = "NO2: the report's average")
    String no2;

    @Option(names = "--co", paramLabel = "C", description = "CO: the report's average")
    String co;

    /** One option per {@link Average}, by its name: {@code --so2-1h} ... {@code --pm10-nowcast}. */
    public static final class Averages implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            for (Average a : Average.values()) {
                spec.addOption(
                        OptionSpec.builder("--" + a.option())
                                .paramLabel("C")
                                .type(String.class)
                                .description(a.label() + " (" + a.unit() + ")")
                                .build());
            }
            return spec;
        }
    }

    static final class StandardConverter implements ITypeConverter<Standard> {
        @Override
        public Standard convert(String s) {
            return converted(() -> Standard.parse(s));
        }
    }

    static final class ReportConverter implements ITypeConverter<Report> {
        @Override
        public Report convert(String s) {
            return converted(() -> Report.parse(s));
        }
    }

    private static <T> T converted(Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** For tests: the command on its own, with its output and errors where they say. */
    static int run(String[] argv, PrintStream out, PrintStream err) {
        return Cli.run(new AqiCli(), argv, out, err);
    }

    @Override
    public Integer call() {
        Standard standard = standard();
        Rounding rounding = Rounding.defaultFor(standard);
        if (round2012) {
            if (standard == Standard.US_EPA_2024) {
                throw new UsageException(
                        "--round-2012: US-EPA-2024 truncates concentrations its own way");
            }
            rounding = Rounding.GB_T_8170;
        }
        Concentrations c = Concentrations.none();
        for (Average avg : Average.values()) {
            String option = "--" + avg.option();
            c = set(c, avg, spec.findOption(option).getValue(), option, standard, report);
        }
        for (String s : SHORT) {
            String v =
                    switch (s) {
                        case "pm25" -> pm25;
                        case "pm10" -> pm10;
                        case "so2" -> so2;
                        case "no2" -> no2;
                        default -> co;
                    };
            if (v == null) {
                continue;
            }
            Average avg = shorthand(s, standard, report);
            if (c.has(avg)) {
                throw new UsageException(
                        "--" + s + " and --" + avg.option() + " both set " + avg.option());
            }
            c = set(c, avg, v, "--" + s, standard, report);
        }
        Set<Pollutant> plan = plan(this.plan, c);
        Optional<AqiResult> r;
        try {
            r = AirQualityIndex.compute(standard, report, c, plan, rounding);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (r.isEmpty()) {
            throw new UsageException(
                    "no sub-index could be computed: give at least one concentration that "
                            + Indicators.describe(standard, report)
                            + " (see --help)");
        }
        spec.commandLine().getOut().print(json ? json(r.get(), c, plan) : text(r.get(), c));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** What a short option means under a standard and report: the average of the sub-index. */
    static Average shorthand(String name, Standard s, Report r) {
        boolean hourly = r == Report.HOURLY;
        if (s == Standard.US_EPA_2024) {
            return switch (name) {
                case "pm25" -> hourly ? Average.PM25_NOWCAST : Average.PM25_24H;
                case "pm10" -> hourly ? Average.PM10_NOWCAST : Average.PM10_24H;
                case "so2" -> Average.SO2_1H;
                case "no2" -> Average.NO2_1H;
                case "co" -> Average.CO_8H;
                default -> throw new IllegalArgumentException(name);
            };
        }
        // HJ 633-2012's real-time PM sub-index comes from the 24-h moving mean (5.1.3, table 4)
        boolean pmHourly = hourly && s == Standard.HJ633_2026;
        return switch (name) {
            case "pm25" -> pmHourly ? Average.PM25_1H : Average.PM25_24H;
            case "pm10" -> pmHourly ? Average.PM10_1H : Average.PM10_24H;
            case "so2" -> hourly ? Average.SO2_1H : Average.SO2_24H;
            case "no2" -> hourly ? Average.NO2_1H : Average.NO2_24H;
            case "co" -> hourly ? Average.CO_1H : Average.CO_24H;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private Standard standard() {
        if (standard != null && date != null) {
            throw new UsageException("give --standard or --date, not both");
        }
        if (standard != null) {
            return standard;
        }
        return Standard.forDate(date == null ? LocalDate.now() : date);
    }

    private static Set<Pollutant> plan(String v, Concentrations c) {
        if (v == null) {
            EnumSet<Pollutant> given = EnumSet.noneOf(Pollutant.class);
            for (Average a : Average.values()) {
                if (c.has(a)) {
                    given.add(a.pollutant());
                }
            }
            return given;
        }
        if (v.trim().equalsIgnoreCase("all")) {
            return EnumSet.allOf(Pollutant.class);
        }
        EnumSet<Pollutant> plan = EnumSet.noneOf(Pollutant.class);
        for (String p : v.split(",", -1)) {
            if (p.isBlank()) {
                throw new UsageException(
                        "--plan: give pollutants separated by commas, from so2 no2 co o3 pm10"
                                + " pm25, or all; was '"
                                + v
                                + "'");
            }
            plan.add(parse(() -> Pollutant.parse(p)));
        }
        return plan;
    }

    private static Concentrations set(
            Concentrations c, Average avg, String v, String option, Standard s, Report r) {
        if (v == null) {
            return c;
        }
        if (!Indicators.accepted(s, r).contains(avg)) {
            throw new UsageException(option + ": " + Indicators.rejection(s, r, avg));
        }
        BigDecimal x;
        try {
            x = new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number, was '" + v + "'");
        }
        if (x.signum() < 0) {
            throw new UsageException(option + " must be a concentration >= 0, was '" + v + "'");
        }
        return c.with(avg, x);
    }

    private static <T> T parse(Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    // ---- text ------------------------------------------------------------------------------

    static String text(AqiResult r, Concentrations c) {
        StringBuilder b = new StringBuilder();
        line(
                b,
                "standard",
                r.standard().id()
                        + ", "
                        + r.report().name().toLowerCase(Locale.ROOT)
                        + " report ("
                        + Indicators.clause(r.standard(), r.report())
                        + "), "
                        + roundingName(r));
        String without = labels(r.missing());
        if (!r.published()) {
            line(b, "AQI", "NA (AQI " + r.aqi() + " without " + without + "; 5.3.1)");
            line(b, "level", "NA");
            line(b, "primary", "NA");
        } else {
            String note = "";
            if (!r.missing().isEmpty()) {
                note =
                        r.standard() == Standard.HJ633_2026
                                ? " (without " + without + "; above 100, so published: 5.3.1)"
                                : " (without " + without + ")";
            }
            line(b, "AQI", r.aqi() + note);
            line(
                    b,
                    "level",
                    r.level() + "  " + r.chinese() + "  " + r.english() + "  " + r.colour());
            line(b, "primary", r.primary().isEmpty() ? "-" : String.join(", ", r.primary()));
        }
        if (r.standard() == Standard.HJ633_2012) {
            line(b, "exceeding", r.exceeding().isEmpty() ? "-" : String.join(", ", r.exceeding()));
        }
        b.append("IAQI\n");
        for (var e : r.iaqi().entrySet()) {
            b.append(String.format("  %-6s %4d%n", e.getKey().field(), e.getValue()));
        }
        line(b, "given", concentrations(c.toMap()));
        line(b, "indexed", concentrations(r.indexed()) + " (" + roundingName(r) + ")");
        Set<Average> only = Indicators.publishedOnly(r.standard(), r.report());
        List<String> publishedOnly = new ArrayList<>();
        for (Average a : r.indexed().keySet()) {
            if (only.contains(a)) {
                publishedOnly.add(a.option());
            }
        }
        if (!publishedOnly.isEmpty()) {
            line(
                    b,
                    "published",
                    String.join(", ", publishedOnly)
                            + ": concentration only, no sub-index (HJ 633-2012 table 4)");
        }
        if (r.standard().chinese()) {
            if (r.published()) {
                line(b, "health", Health.effects(r.category(), true));
                line(b, "", Health.effects(r.category(), false));
                line(b, "advice", Health.advice(r.category(), true));
                line(b, "", Health.advice(r.category(), false));
            } else {
                line(b, "health", "NA (no level is published; 5.3.1)");
            }
            if (r.sensitive().isEmpty()) {
                line(b, "sensitive", "-");
            } else {
                line(
                        b,
                        "sensitive",
                        labels(r.sensitive())
                                + " above IAQI 100 (HJ 633—2026 table 2): "
                                + String.join("、", Health.sensitiveGroups(r.sensitive(), true)));
                line(b, "", String.join(", ", Health.sensitiveGroups(r.sensitive(), false)));
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append(String.format("%-10s %s%n", key, value).replaceAll(" +\n", "\n"));
    }

    private static String roundingName(AqiResult r) {
        if (r.standard() == Standard.US_EPA_2024) {
            return "EPA truncation";
        }
        return r.rounding() == Rounding.GB_T_8170 ? "GB/T 8170 rounding" : "no rounding";
    }

    private static String labels(java.util.Collection<Pollutant> ps) {
        return ps.stream().map(Pollutant::label).collect(Collectors.joining(", "));
    }

    private static String concentrations(Map<Average, BigDecimal> m) {
        if (m.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        m.forEach((a, v) -> parts.add(a.option() + "=" + v.toPlainString() + " " + a.unit()));
        return String.join(" ", parts);
    }

    // ---- JSON ------------------------------------------------------------------------------

    static String json(AqiResult r, Concentrations c, Set<Pollutant> plan) {
        ObjectMapper m = new ObjectMapper();
        m.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        m.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        ObjectNode o = m.createObjectNode();
        o.put("standard", r.standard().id());
        o.put("report", r.report().name().toLowerCase(Locale.ROOT));
        o.put("clause", Indicators.clause(r.standard(), r.report()));
        o.put("rounding", r.rounding().name());
        ArrayNode planNode = o.putArray("plan");
        plan.forEach(p -> planNode.add(p.field()));
        o.put("status", r.status());
        o.put("aqi", r.aqi());
        o.put("published", r.published());
        o.put("level", r.level());
        o.put("category", r.chinese());
        o.put("category_en", r.english());
        o.put("colour", r.colour());
        r.primary().forEach(o.putArray("primary_pollutants")::add);
        r.exceeding().forEach(o.putArray("exceeding")::add);
        ObjectNode iaqi = o.putObject("iaqi");
        r.iaqi().forEach((k, v) -> iaqi.put(k.field(), v));
        ObjectNode given = o.putObject("concentrations");
        c.toMap().forEach((k, v) -> given.put(k.option(), v));
        ObjectNode indexed = o.putObject("indexed");
        r.indexed().forEach((k, v) -> indexed.put(k.option(), v));
        ArrayNode missing = o.putArray("missing");
        r.missing().forEach(p -> missing.add(p.label()));
        ArrayNode sensitive = o.putArray("sensitive_pollutants");
        r.sensitive().forEach(p -> sensitive.add(p.label()));
        if (r.standard().chinese()) {
            ObjectNode effects = o.putObject("effects");
            effects.put("zh", Health.effects(r.category(), true));
            effects.put("en", Health.effects(r.category(), false));
            ObjectNode advice = o.putObject("advice");
            advice.put("zh", Health.advice(r.category(), true));
            advice.put("en", Health.advice(r.category(), false));
            ObjectNode groups = o.putObject("sensitive_groups");
            ArrayNode zh = groups.putArray("zh");
            Health.sensitiveGroups(r.sensitive(), true).forEach(zh::add);
            ArrayNode en = groups.putArray("en");
            Health.sensitiveGroups(r.sensitive(), false).forEach(en::add);
        } else {
            // HJ 633's tables 1 and 2 do not apply; the EPA's statements are not modelled
            o.putNull("effects");
            o.putNull("advice");
            o.putNull("sensitive_groups");
        }
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
