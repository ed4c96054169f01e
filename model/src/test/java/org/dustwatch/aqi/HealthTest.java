package org.dustwatch.aqi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** HJ 633's table 1 (effects and advice) and HJ 633—2026's table 2 (sensitive groups). */
class HealthTest {

    @Test
    void everyLevelHasEffectsAndAdviceInBothLanguages() {
        Set<String> seen = new HashSet<>();
        for (Category c : Category.values()) {
            for (boolean zh : new boolean[] {true, false}) {
                String effects = Health.effects(c, zh);
                String advice = Health.advice(c, zh);
                assertThat(effects).as(c + " effects").isNotBlank();
                assertThat(advice).as(c + " advice").isNotBlank();
                assertThat(seen.add(effects)).as("distinct: " + effects).isTrue();
                assertThat(seen.add(advice)).as("distinct: " + advice).isTrue();
                if (zh) {
                    assertThat(effects + advice).containsPattern("\\p{IsHan}");
                } else {
                    assertThat(effects + advice).doesNotContainPattern("\\p{IsHan}");
                }
            }
        }
        assertThat(seen).hasSize(24);
        assertThat(Health.effects(Category.LEVEL_1, true)).isEqualTo("空气质量令人满意，基本无空气污染");
        assertThat(Health.advice(Category.LEVEL_1, true)).isEqualTo("各类人群可正常活动");
    }

    @Test
    void theTexts2026Wording() {
        for (Category c : Category.values()) {
            String zh = Health.effects(c, true) + Health.advice(c, true);
            // 易感人群 became 敏感人群; 心脏病 and 肺病 became 心脑血管疾病 and 呼吸系统疾病
            assertThat(zh).doesNotContain("易感人群", "心脏病", "肺病");
            assertThat(zh.replace("青少年儿童", "")).doesNotContain("儿童");
        }
        assertThat(Health.effects(Category.LEVEL_3, true)).startsWith("敏感人群");
        for (Category c : List.of(Category.LEVEL_3, Category.LEVEL_4, Category.LEVEL_5)) {
            assertThat(Health.advice(c, true)).startsWith("青少年儿童").contains("心脑血管疾病", "呼吸系统疾病");
            assertThat(Health.advice(c, false))
                    .startsWith("Children and teenagers")
                    .contains("cardiovascular or respiratory disease");
        }
        assertThat(Health.advice(Category.LEVEL_6, true)).startsWith("青少年儿童、老年人和病人");
    }

    @Test
    void sensitiveGroupsOfTable2() {
        assertThat(Health.sensitiveGroups(Pollutant.SO2, true))
                .containsExactly("哮喘患者", "青少年儿童", "老年人");
        assertThat(Health.sensitiveGroups(Pollutant.SO2, false))
                .containsExactly("people with asthma", "children and teenagers", "the elderly");
        assertThat(Health.sensitiveGroups(Pollutant.NO2, false))
                .containsExactly(
                        "people with respiratory disease", "children and teenagers", "the elderly");
        assertThat(Health.sensitiveGroups(Pollutant.CO, false))
                .containsExactly("people with cardiovascular disease");
        assertThat(Health.sensitiveGroups(Pollutant.O3, false))
                .containsExactly(
                        "people with respiratory disease",
                        "children and teenagers",
                        "people often active outdoors",
                        "the elderly");
        List<String> pm =
                List.of(
                        "people with cardiovascular disease",
                        "people with respiratory disease",
                        "children and teenagers",
                        "people often active outdoors",
                        "the elderly");
        assertThat(Health.sensitiveGroups(Pollutant.PM25, false)).isEqualTo(pm);
        assertThat(Health.sensitiveGroups(Pollutant.PM10, false)).isEqualTo(pm);
    }

    @Test
    void theUnionListsEachGroupOnceInAStableOrder() {
        assertThat(Health.sensitiveGroups(List.of(Pollutant.PM25, Pollutant.PM10), false))
                .isEqualTo(Health.sensitiveGroups(Pollutant.PM25, false));
        List<String> so2AndPm =
                Health.sensitiveGroups(List.of(Pollutant.PM25, Pollutant.SO2), true);
        assertThat(so2AndPm)
                .containsExactly("哮喘患者", "心脑血管疾病患者", "呼吸系统疾病患者", "青少年儿童", "经常在户外活动的人群", "老年人");
        // the order of the argument does not matter
        assertThat(Health.sensitiveGroups(List.of(Pollutant.SO2, Pollutant.PM25), true))
                .isEqualTo(so2AndPm);
        assertThat(Health.sensitiveGroups(List.of(Pollutant.CO, Pollutant.NO2), false))
                .containsExactly(
                        "people with cardiovascular disease",
                        "people with respiratory disease",
                        "children and teenagers",
                        "the elderly");
        assertThat(Health.sensitiveGroups(List.of(), true)).isEmpty();
    }
}
