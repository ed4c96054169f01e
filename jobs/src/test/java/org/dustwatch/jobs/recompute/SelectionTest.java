package org.dustwatch.jobs.recompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.OptionalLong;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.settings.Settings;
import org.dustwatch.jobs.settings.Timing;
import org.dustwatch.model.Cargo;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.VehicleType;
import org.junit.jupiter.api.Test;

/** The range, its warm-up, the refusal of open windows, and which record of an event counts. */
class SelectionTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final RecomputeRange NOVEMBER =
            new RecomputeRange(
                    LocalDate.of(2026, 11, 1),
                    LocalDate.of(2026, 11, 30),
                    ZONE,
                    Duration.ofHours(27));

    static long at(String local) {
        return java.time.LocalDateTime.parse(local).atZone(ZONE).toInstant().toEpochMilli();
    }

    static Inspection inspection(String id, long ts, int violations, int revision) {
        return new Inspection(
                id,
                "CP-01",
                ts,
                VehicleType.OTHER,
                Cargo.EMPTY,
                violations,
                0,
                "G107",
                "Dongcheng",
                null,
                revision);
    }

    @Test
    void theRangeIsLocalDaysInclusiveAndTheWarmUpComesFromTheAlertSettings() throws Exception {
        assertThat(NOVEMBER.start()).isEqualTo(at("2026-11-01T00:00"));
        assertThat(NOVEMBER.end()).isEqualTo(at("2026-12-01T00:00"));
        assertThat(NOVEMBER.readFrom()).isEqualTo(at("2026-10-30T21:00"));

        Settings defaults = Settings.defaults();
        // 30 days: the repeat-offender period outlasts 7 days and 4 hours of spike baseline
        assertThat(RecomputeRange.warmUp(defaults)).isEqualTo(Duration.ofDays(30));
        Settings shortAlerts =
                Settings.from(
                        DustwatchConfig.load(
                                Map.of(
                                        "alerts.repeat-offender.period", "2h",
                                        "alerts.repeat-offender.trip-window", "30min",
                                        "alerts.spike.baseline-days", "1",
                                        "alerts.spike.window-hours", "4",
                                        "alerts.spike.baseline-spread", "1"),
                                Map.of()));
        assertThat(RecomputeRange.warmUp(shortAlerts)).isEqualTo(Duration.ofHours(29));
        Settings silent =
                Settings.from(
                        DustwatchConfig.load(
                                Map.of(
                                        "alerts.repeat-offender.period", "2h",
                                        "alerts.repeat-offender.trip-window", "30min",
                                        "alerts.spike.baseline-days", "0",
                                        "alerts.spike.window-hours", "1",
                                        "alerts.spike.baseline-spread", "0"),
                                Map.of()));
        assertThat(RecomputeRange.warmUp(silent))
                .as("the AQI's 24 hours")
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aRangeTheRunningJobMayStillChangeIsRefused() {
        Timing t = Settings.defaults().timing(); // 10 min lateness, 30 s out-of-orderness
        long end = NOVEMBER.end();
        Instant later = Instant.ofEpochMilli(end).plus(Duration.ofDays(3));

        Recompute.check(NOVEMBER, t, OptionalLong.of(end + 630_000), later);
        Recompute.check(NOVEMBER, t, OptionalLong.empty(), later);
        assertThatThrownBy(
                        () -> Recompute.check(NOVEMBER, t, OptionalLong.of(end + 629_999), later))
                .hasMessageContaining("--to 2026-11-30 is not final")
                .hasMessageContaining("newest pipeline minute");
        assertThatThrownBy(
                        () ->
                                Recompute.check(
                                        NOVEMBER,
                                        t,
                                        OptionalLong.of(end + 86_400_000),
                                        Instant.ofEpochMilli(end + 600_000)))
                .hasMessageContaining("after now");
    }

    @Test
    void theHighestRevisionOfAnEventIdCountsWhereverItCameFrom() {
        Selection s = new Selection(NOVEMBER);
        long t = at("2026-11-10T08:00");
        Inspection original = inspection("e1", t, 1, 0);
        Inspection first = inspection("e1", t + 60_000, 0, 1);
        Inspection second = inspection("e1", t + 120_000, 3, 2);

        s.offerReadmitted(first); // a LATE dead letter's correction
        s.offer(original);
        s.offer(second);
        s.offer(first); // the first correction in its input topic: lower than the second
        s.offer(second); // a redelivery of the second
        s.offer(inspection("e2", t, 0, 0));
        s.offer(inspection("e3", at("2026-10-30T20:59"), 0, 0)); // before the warm-up
        s.offer(inspection("e4", at("2026-12-01T00:00"), 0, 0)); // after the range

        assertThat(s.inspections()).containsExactly(inspection("e2", t, 0, 0), second);
        // the original, and both copies of the first correction
        assertThat(s.superseded()).isEqualTo(3);
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.outside()).isEqualTo(2);
        assertThat(s.correctionsInRange()).isEqualTo(1);
        assertThat(s.readmittedInRange()).as("its correction was superseded in turn").isZero();
    }

    @Test
    void aCorrectionThatMovesAnEventOutOfTheRangeTakesTheOriginalWithIt() {
        Selection s = new Selection(NOVEMBER);
        s.offer(inspection("E-1", at("2026-11-30T23:50"), 1, 0));
        // the audit found the clock wrong: the event was 20 minutes later, in December
        s.offerReadmitted(inspection("E-1", at("2026-12-01T00:10"), 1, 1));
        s.offer(inspection("E-2", at("2026-11-15T12:00"), 0, 0));

        assertThat(s.inspections()).extracting(Inspection::eventId).containsExactly("E-2");
        assertThat(s.superseded()).isEqualTo(1);
        assertThat(s.outside()).isEqualTo(1);
    }
}
