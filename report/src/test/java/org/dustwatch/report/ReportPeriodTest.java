package org.dustwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {

    @Test
    void aMonthsPreviousPeriodIsThePreviousCalendarMonth() {
        ReportPeriod nov = ReportPeriod.month(YearMonth.of(2026, 11));
        assertThat(nov.from()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(nov.to()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(nov.days()).isEqualTo(30);
        ReportPeriod oct = nov.previous();
        assertThat(oct).isEqualTo(ReportPeriod.month(YearMonth.of(2026, 10)));
        assertThat(oct.days()).isEqualTo(31);
        // March's previous month is February, 28 days in 2026, and January's is last December.
        assertThat(ReportPeriod.month(YearMonth.of(2026, 3)).previous().days()).isEqualTo(28);
        assertThat(ReportPeriod.month(YearMonth.of(2026, 1)).previous().from())
                .isEqualTo(LocalDate.of(2025, 12, 1));
    }

    @Test
    void aSpansPreviousPeriodIsTheEqualSpanJustBefore() {
        ReportPeriod span =
                ReportPeriod.span(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));
        // The same days as November, given as a span: the 30 days before, not October.
        assertThat(span.previous())
                .isEqualTo(
                        ReportPeriod.span(LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 31)));
        ReportPeriod one = ReportPeriod.span(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 1));
        assertThat(one.previous())
                .isEqualTo(ReportPeriod.span(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 2, 28)));
    }

    @Test
    void localDaysStartAtMidnightInShanghai() {
        ReportPeriod p = ReportPeriod.span(LocalDate.of(2026, 11, 3), LocalDate.of(2026, 11, 4));
        assertThat(p.start()).isEqualTo(Instant.parse("2026-11-02T16:00:00Z"));
        assertThat(p.end()).isEqualTo(Instant.parse("2026-11-04T16:00:00Z"));
        assertThat(p.contains(LocalDate.of(2026, 11, 4))).isTrue();
        assertThat(p.contains(LocalDate.of(2026, 11, 5))).isFalse();
    }

    @Test
    void anEmptyPeriodIsRefused() {
        assertThatThrownBy(
                        () ->
                                ReportPeriod.span(
                                        LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(
                        () ->
                                new ReportPeriod(
                                        LocalDate.of(2026, 11, 2),
                                        LocalDate.of(2026, 11, 30),
                                        ReportPeriod.Kind.MONTH))
                .hasMessageContaining("not a calendar month");
    }

    @Test
    void changesAreNullWherePreviousIsZero() {
        assertThat(Change.of(12, 10)).isEqualTo(new Change(12.0, 10.0, 2.0, 20.0));
        assertThat(Change.of(5, 0)).isEqualTo(new Change(5.0, 0.0, 5.0, null));
        assertThat(Change.of(null, 3)).isEqualTo(new Change(null, 3.0, null, null));
    }
}
