package org.dustwatch.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.dustwatch.cli.UsageException;

/**
 * A report's period: whole local days, {@code from} to {@code to} inclusive, in {@link #ZONE}.
 *
 * <p>Why a kind: the previous period (环比) of a calendar month is the previous calendar month
 * (October's 31 days before November's 30), while that of any other span is the span of equal
 * length just before it.
 *
 * @param from the first day
 * @param to the last day, included
 * @param kind {@link Kind#MONTH} when given as {@code --month}, else {@link Kind#SPAN}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportPeriod(LocalDate from, LocalDate to, Kind kind) {

    /** The zone of the report's local days: the pipeline's default {@code pipeline.time-zone}. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** How the period was given, which decides its previous period. */
    public enum Kind {
        MONTH,
        SPAN
    }

    public ReportPeriod {
        if (from == null || to == null || kind == null) {
            throw new IllegalArgumentException("a period needs a first day, a last day and a kind");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException(
                    "the period is empty: --to " + to + " is before --from " + from);
        }
        if (kind == Kind.MONTH
                && !(from.getDayOfMonth() == 1 && to.equals(YearMonth.from(from).atEndOfMonth()))) {
            throw new IllegalArgumentException(from + " to " + to + " is not a calendar month");
        }
    }

    /** The calendar month {@code month}. */
    public static ReportPeriod month(YearMonth month) {
        return new ReportPeriod(month.atDay(1), month.atEndOfMonth(), Kind.MONTH);
    }

    /** The days {@code from} to {@code to}, both included. */
    public static ReportPeriod span(LocalDate from, LocalDate to) {
        return new ReportPeriod(from, to, Kind.SPAN);
    }

    /**
     * The period of a command line: {@code --month YYYY-MM}, or {@code --from} and {@code --to}.
     *
     * @throws UsageException naming what is wrong, for a one-line error with exit status 2
     */
    public static ReportPeriod parse(String month, LocalDate from, LocalDate to) {
        if (month != null) {
            if (from != null || to != null) {
                throw new UsageException("give --month or --from and --to, not both");
            }
            try {
                return month(YearMonth.parse(month.strip()));
            } catch (DateTimeParseException e) {
                throw new UsageException("--month '" + month + "' is not a month like 2026-11");
            }
        }
        if (from == null || to == null) {
            throw new UsageException("give --month YYYY-MM, or --from DATE and --to DATE");
        }
        try {
            return span(from, to);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The previous calendar month for a month, else the span of equal length just before. */
    public ReportPeriod previous() {
        if (kind == Kind.MONTH) {
            return month(YearMonth.from(from).minusMonths(1));
        }
        return span(from.minusDays(days()), from.minusDays(1));
    }

    /** How many local days the period has. */
    @JsonProperty
    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The first instant of the period: local midnight starting {@code from}. */
    public Instant start() {
        return from.atStartOfDay(ZONE).toInstant();
    }

    /** The first instant after the period: local midnight ending {@code to}. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    /** Whether {@code day} is one of the period's days. */
    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
