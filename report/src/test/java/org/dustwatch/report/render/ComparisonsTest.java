package org.dustwatch.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The 环比 phrases; the percentages worked out by hand. */
class ComparisonsTest {

    @Test
    void anIncreaseAndADecreaseOfACount() {
        // 12,345 vs 11,111: +1,234 = 11.106...% -> 11.1%
        assertThat(Comparisons.count(12_345, 11_111, "辆", Lang.ZH)).isEqualTo("环比增加1,234辆（11.1%）");
        // 678 vs 734: -56 = 7.629...% -> 7.6%
        assertThat(Comparisons.count(678, 734, "起", Lang.ZH)).isEqualTo("环比减少56起（7.6%）");
        assertThat(Comparisons.count(678, 734, "起", Lang.EN))
                .isEqualTo("down 56 (7.6%) on the previous period");
        // -1 of 8 = 12.5% exactly; -1 of 16 = 6.25% -> 6.2% (half to even)
        assertThat(Comparisons.count(7, 8, "起", Lang.ZH)).isEqualTo("环比减少1起（12.5%）");
        assertThat(Comparisons.count(15, 16, "起", Lang.ZH)).isEqualTo("环比减少1起（6.2%）");
        // doubled
        assertThat(Comparisons.count(20, 10, "辆", Lang.EN))
                .isEqualTo("up 10 (100.0%) on the previous period");
    }

    @Test
    void equalIsUnchangedAndAZeroPreviousHasNoComparison() {
        assertThat(Comparisons.count(5, 5, "起", Lang.ZH)).isEqualTo("环比持平");
        assertThat(Comparisons.count(0, 0, "起", Lang.ZH)).isEqualTo("环比持平");
        assertThat(Comparisons.count(5, 0, "起", Lang.ZH)).isEqualTo("上期无数据，无环比");
        assertThat(Comparisons.count(5, 0, "起", Lang.EN))
                .isEqualTo("no comparison: nothing in the previous period");
    }

    @Test
    void aChangeBelowATenthOfAPercentIsNotZero() {
        // 1 of 20,000 = 0.005% -> rounds to 0.0
        assertThat(Comparisons.count(20_001, 20_000, "辆", Lang.ZH)).isEqualTo("环比增加1辆（不足0.1%）");
    }

    @Test
    void sumsOfMoneyChangeInTheirOwnUnits() {
        // +234,500 of 1,000,000 = 23.45% -> 23.4% (half to even)
        assertThat(Comparisons.yuan(1_234_500, 1_000_000, Lang.ZH)).isEqualTo("环比增加23.45万元（23.4%）");
        // -5,000 of 105,000 = 4.7619...% -> 4.8%
        assertThat(Comparisons.yuan(100_000, 105_000, Lang.ZH)).isEqualTo("环比减少5,000元（4.8%）");
        assertThat(Comparisons.yuan(100_000, 105_000, Lang.EN))
                .isEqualTo("down 5,000 yuan (4.8%) on the previous period");
    }

    @Test
    void concentrationsRiseAndFallInPercent() {
        // 35 vs 37: -2/37 = 5.405...% -> 5.4%
        assertThat(Comparisons.mean(new BigDecimal("35"), new BigDecimal("37"), Lang.ZH))
                .isEqualTo("环比下降5.4%");
        assertThat(Comparisons.mean(new BigDecimal("40.5"), new BigDecimal("36"), Lang.EN))
                .isEqualTo("up 12.5% on the previous period");
        assertThat(Comparisons.mean(null, new BigDecimal("36"), Lang.ZH)).isEqualTo("上期无数据，无环比");
        assertThat(Comparisons.mean(new BigDecimal("36.0"), new BigDecimal("36"), Lang.ZH))
                .isEqualTo("环比持平");
    }

    @Test
    void ratiosFromCountsChangeInPercentagePointsRoundedOnce() {
        // 25/30 = 83.333..% against 26/32 = 81.25%: +2.0833.. -> 2.1 points
        assertThat(Comparisons.ratio(25, 30, 26, 32, Lang.ZH)).isEqualTo("环比上升2.1个百分点");
        // 1/8 = 12.5% against 3/16 = 18.75%: -6.25 -> 6.2 (half to even)
        assertThat(Comparisons.ratio(1, 8, 3, 16, Lang.EN))
                .isEqualTo("down 6.2 percentage points on the previous period");
        assertThat(Comparisons.ratio(1, 2, 2, 4, Lang.ZH)).isEqualTo("环比持平");
        assertThat(Comparisons.ratio(1, 2, 0, 0, Lang.ZH)).isEqualTo("上期无数据，无环比");
        // 10,001/20,000 against 1/2: +0.005 points -> less than 0.1
        assertThat(Comparisons.ratio(10_001, 20_000, 1, 2, Lang.ZH)).isEqualTo("环比上升不足0.1个百分点");
    }
}
