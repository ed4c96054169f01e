package org.dustwatch.report.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Every expected string here was worked out by hand from the rules in {@link Numbers}' javadoc. */
class NumbersTest {

    @Test
    void countsAreGroupedByThreesWithCommas() {
        assertThat(Numbers.count(0)).isEqualTo("0");
        assertThat(Numbers.count(999)).isEqualTo("999");
        assertThat(Numbers.count(9_999)).isEqualTo("9,999");
        assertThat(Numbers.count(10_000)).isEqualTo("10,000");
        assertThat(Numbers.count(12_345)).isEqualTo("12,345");
        assertThat(Numbers.count(1_234_567_890L)).isEqualTo("1,234,567,890");
        assertThat(Numbers.count(-1_234)).isEqualTo("-1,234");
        assertThat(Numbers.count(-100)).isEqualTo("-100");
    }

    @Test
    void sumsBelowOneHundredThousandYuanAreWrittenWhole() {
        assertThat(Numbers.yuan(0, Lang.ZH)).isEqualTo("0元");
        assertThat(Numbers.yuan(9_999, Lang.ZH)).isEqualTo("9,999元");
        assertThat(Numbers.yuan(10_000, Lang.ZH)).isEqualTo("10,000元");
        assertThat(Numbers.yuan(99_999, Lang.ZH)).isEqualTo("99,999元");
    }

    @Test
    void fromOneHundredThousandYuanSumsAreIn10kWithTwoDecimals() {
        assertThat(Numbers.yuan(100_000, Lang.ZH)).isEqualTo("10.00万元");
        assertThat(Numbers.yuan(1_234_500, Lang.ZH)).isEqualTo("123.45万元");
        // 12,345,678 / 10,000 = 1,234.5678 -> 1,234.57
        assertThat(Numbers.yuan(12_345_678, Lang.ZH)).isEqualTo("1,234.57万元");
    }

    @Test
    void anExactHalfRoundsToTheEvenNeighbour() {
        // 123.445 -> 123.44 (4 is even), 123.455 -> 123.46 (5 is odd, up to 6)
        assertThat(Numbers.yuan(1_234_450, Lang.ZH)).isEqualTo("123.44万元");
        assertThat(Numbers.yuan(1_234_550, Lang.ZH)).isEqualTo("123.46万元");
        // just above the half rounds up
        assertThat(Numbers.yuan(1_234_451, Lang.ZH)).isEqualTo("123.45万元");
        assertThat(Numbers.decimal(new BigDecimal("0.125"), 2)).isEqualTo("0.12");
        assertThat(Numbers.decimal(new BigDecimal("0.135"), 2)).isEqualTo("0.14");
        assertThat(Numbers.decimal(new BigDecimal("0.1251"), 2)).isEqualTo("0.13");
    }

    @Test
    void fromOneHundredMillionYuanSumsAreIn100m() {
        assertThat(Numbers.yuan(100_000_000, Lang.ZH)).isEqualTo("1.00亿元");
        assertThat(Numbers.yuan(123_456_789, Lang.ZH)).isEqualTo("1.23亿元");
        // 123,456,789,000 / 10^8 = 1,234.56789 -> 1,234.57
        assertThat(Numbers.yuan(123_456_789_000L, Lang.ZH)).isEqualTo("1,234.57亿元");
        // 9,999.9999万 rounds to 10,000.00万: written as 1.00亿, not 10,000.00万
        assertThat(Numbers.yuan(99_999_999, Lang.ZH)).isEqualTo("1.00亿元");
        assertThat(Numbers.yuan(99_994_999, Lang.ZH)).isEqualTo("9,999.50万元");
    }

    @Test
    void negativeSumsKeepTheirSignAndUnit() {
        assertThat(Numbers.yuan(-1_234_500, Lang.ZH)).isEqualTo("-123.45万元");
        assertThat(Numbers.yuan(-5_000, Lang.ZH)).isEqualTo("-5,000元");
    }

    @Test
    void theEnglishEditionWritesSumsWhole() {
        assertThat(Numbers.yuan(1_234_500, Lang.EN)).isEqualTo("1,234,500 yuan");
        assertThat(Numbers.yuan(0, Lang.EN)).isEqualTo("0 yuan");
    }

    @Test
    void percentagesHaveOneDecimalRoundedHalfToEven() {
        assertThat(Numbers.percent(1, 8)).isEqualTo("12.5%");
        assertThat(Numbers.percent(1, 16)).isEqualTo("6.2%"); // 6.25 -> 6.2
        assertThat(Numbers.percent(3, 16)).isEqualTo("18.8%"); // 18.75 -> 18.8
        assertThat(Numbers.percent(25, 30)).isEqualTo("83.3%"); // 83.333...
        assertThat(Numbers.percent(0, 30)).isEqualTo("0.0%");
        assertThat(Numbers.percent(30, 30)).isEqualTo("100.0%");
        assertThat(Numbers.percent(3_771, 19_942)).isEqualTo("18.9%"); // 18.9098...
        assertThatThrownBy(() -> Numbers.percent(1, 0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void datesAsEachEditionWritesThem() {
        assertThat(Numbers.date(LocalDate.of(2026, 11, 30), Lang.ZH)).isEqualTo("2026年11月30日");
        assertThat(Numbers.date(LocalDate.of(2026, 3, 1), Lang.ZH)).isEqualTo("2026年3月1日");
        assertThat(Numbers.date(LocalDate.of(2026, 11, 30), Lang.EN)).isEqualTo("30 November 2026");
    }
}
