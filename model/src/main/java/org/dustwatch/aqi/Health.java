package org.dustwatch.aqi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * What HJ 633 tells the public with an AQI level, and whom a high sub-index concerns.
 *
 * <p>Table 1 (health effects and advice per level) is HJ 633-2012's text with the 2026 wording:
 * 易感人群 → 敏感人群, 儿童 → 青少年儿童, 心脏病 → 心脑血管疾病, 肺病 → 呼吸系统疾病. docs/aqi.md says exactly what was adapted and
 * why. Table 2 (HJ 633—2026) names the sensitive groups of each pollutant whose IAQI exceeds 100.
 * The English texts are dustwatch's translations.
 */
public final class Health {
    private Health() {}

    /** The groups of table 2, in the order their union is listed. */
    public enum Group {
        ASTHMA("哮喘患者", "people with asthma"),
        CARDIOVASCULAR("心脑血管疾病患者", "people with cardiovascular disease"),
        RESPIRATORY("呼吸系统疾病患者", "people with respiratory disease"),
        CHILDREN("青少年儿童", "children and teenagers"),
        OUTDOORS("经常在户外活动的人群", "people often active outdoors"),
        ELDERLY("老年人", "the elderly");

        private final String zh;
        private final String en;

        Group(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String text(boolean chinese) {
            return chinese ? zh : en;
        }
    }

    private static final Map<Pollutant, EnumSet<Group>> TABLE_2 =
            Map.of(
                    Pollutant.SO2, EnumSet.of(Group.ASTHMA, Group.CHILDREN, Group.ELDERLY),
                    Pollutant.NO2, EnumSet.of(Group.RESPIRATORY, Group.CHILDREN, Group.ELDERLY),
                    Pollutant.CO, EnumSet.of(Group.CARDIOVASCULAR),
                    Pollutant.O3,
                            EnumSet.of(
                                    Group.RESPIRATORY,
                                    Group.CHILDREN,
                                    Group.OUTDOORS,
                                    Group.ELDERLY),
                    Pollutant.PM10, particulates(),
                    Pollutant.PM25, particulates());

    private static EnumSet<Group> particulates() {
        return EnumSet.of(
                Group.CARDIOVASCULAR,
                Group.RESPIRATORY,
                Group.CHILDREN,
                Group.OUTDOORS,
                Group.ELDERLY);
    }

    /** Table 1, 对健康影响情况, per level. */
    private static final String[][] EFFECTS = {
        {"空气质量令人满意，基本无空气污染", "Air quality is satisfactory; there is little or no air pollution."},
        {
            "空气质量可接受，但某些污染物可能对极少数异常敏感人群健康有较弱影响",
            "Air quality is acceptable, but some pollutants may slightly affect the health of a"
                    + " very small number of unusually sensitive people."
        },
        {
            "敏感人群症状有轻度加剧，健康人群出现刺激症状",
            "Symptoms of sensitive groups are slightly aggravated; healthy people show symptoms"
                    + " of irritation."
        },
        {
            "进一步加剧敏感人群症状，可能对健康人群心脏、呼吸系统有影响",
            "Symptoms of sensitive groups are further aggravated; the heart and respiratory"
                    + " system of healthy people may be affected."
        },
        {
            "心脑血管疾病和呼吸系统疾病患者症状显著加剧，运动耐受力降低，健康人群普遍出现症状",
            "Symptoms of people with cardiovascular or respiratory disease are markedly"
                    + " aggravated and their exercise tolerance falls; healthy people commonly"
                    + " show symptoms."
        },
        {
            "健康人群运动耐受力降低，有明显强烈症状，提前出现某些疾病",
            "The exercise tolerance of healthy people falls, with marked and strong symptoms;"
                    + " some diseases may set in early."
        },
    };

    /** Table 1, 建议采取的措施, per level. */
    private static final String[][] ADVICE = {
        {"各类人群可正常活动", "Everyone can go about their activities as usual."},
        {
            "极少数异常敏感人群应减少户外活动",
            "The very few unusually sensitive people should reduce outdoor activity."
        },
        {
            "青少年儿童、老年人及心脑血管疾病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼",
            "Children and teenagers, the elderly and people with cardiovascular or respiratory"
                    + " disease should reduce prolonged or intense outdoor exercise."
        },
        {
            "青少年儿童、老年人及心脑血管疾病、呼吸系统疾病患者避免长时间、高强度的户外锻炼，一般人群适量减少户外运动",
            "Children and teenagers, the elderly and people with cardiovascular or respiratory"
                    + " disease should avoid prolonged or intense outdoor exercise; everyone else"
                    + " should reduce outdoor exercise somewhat."
        },
        {
            "青少年儿童、老年人和心脑血管疾病、呼吸系统疾病患者应停留在室内，停止户外运动，一般人群减少户外运动",
            "Children and teenagers, the elderly and people with cardiovascular or respiratory"
                    + " disease should stay indoors and stop outdoor exercise; everyone else"
                    + " should reduce outdoor exercise."
        },
        {
            "青少年儿童、老年人和病人应当留在室内，避免体力消耗，一般人群应避免户外活动",
            "Children and teenagers, the elderly and the sick should stay indoors and avoid"
                    + " physical exertion; everyone else should avoid outdoor activity."
        },
    };

    /** Table 1: the health effects of a level. */
    public static String effects(Category c, boolean chinese) {
        return EFFECTS[c.level() - 1][chinese ? 0 : 1];
    }

    /** Table 1: the measures advised at a level. */
    public static String advice(Category c, boolean chinese) {
        return ADVICE[c.level() - 1][chinese ? 0 : 1];
    }

    /** Table 2: the groups concerned when the pollutant's IAQI exceeds 100. */
    public static List<Group> groups(Pollutant p) {
        return List.copyOf(TABLE_2.get(p));
    }

    /** Table 2: the sensitive groups of one pollutant, in Chinese or English. */
    public static List<String> sensitiveGroups(Pollutant p, boolean chinese) {
        return sensitiveGroups(List.of(p), chinese);
    }

    /**
     * Table 2: the union of the pollutants' sensitive groups, each once, in {@link Group} order
     * (which keeps every pollutant's own order); empty for no pollutant.
     */
    public static List<String> sensitiveGroups(Collection<Pollutant> ps, boolean chinese) {
        EnumSet<Group> union = EnumSet.noneOf(Group.class);
        for (Pollutant p : ps) {
            union.addAll(TABLE_2.get(p));
        }
        List<String> out = new ArrayList<>();
        for (Group g : union) {
            out.add(g.text(chinese));
        }
        return out;
    }
}
