package org.dustwatch.aqi;

/**
 * The six AQI levels with their names and colours. HJ 633's names and colours (its appendix A)
 * apply to the Chinese standards; the EPA's to {@link Standard#US_EPA_2024}.
 */
public enum Category {
    LEVEL_1(1, 50, "优", "Excellent", "#00E400", "Good", "#00E400"),
    LEVEL_2(2, 100, "良", "Good", "#FFFF00", "Moderate", "#FFFF00"),
    LEVEL_3(
            3,
            150,
            "轻度污染",
            "Lightly polluted",
            "#FF7E00",
            "Unhealthy for Sensitive Groups",
            "#FF7E00"),
    LEVEL_4(4, 200, "中度污染", "Moderately polluted", "#FF0000", "Unhealthy", "#FF0000"),
    LEVEL_5(5, 300, "重度污染", "Heavily polluted", "#99004C", "Very Unhealthy", "#8F3F97"),
    LEVEL_6(6, Integer.MAX_VALUE, "严重污染", "Severely polluted", "#7E0023", "Hazardous", "#7E0023");

    private final int level;
    private final int upTo;
    private final String zh;
    private final String en;
    private final String colour;
    private final String epaName;
    private final String epaColour;

    Category(
            int level,
            int upTo,
            String zh,
            String en,
            String colour,
            String epaName,
            String epaColour) {
        this.level = level;
        this.upTo = upTo;
        this.zh = zh;
        this.en = en;
        this.colour = colour;
        this.epaName = epaName;
        this.epaColour = epaColour;
    }

    /** The category of an AQI value: 0–50 is level 1, 51–100 level 2, ..., above 300 level 6. */
    public static Category of(int aqi) {
        for (Category c : values()) {
            if (aqi <= c.upTo) {
                return c;
            }
        }
        throw new AssertionError(aqi);
    }

    public int level() {
        return level;
    }

    /** The Chinese name (HJ 633); the EPA standard has none and gets the HJ 633 one. */
    public String chinese() {
        return zh;
    }

    /** The English name under a standard. */
    public String english(Standard s) {
        return s.chinese() ? en : epaName;
    }

    /** The colour as {@code #RRGGBB} under a standard. */
    public String colour(Standard s) {
        return s.chinese() ? colour : epaColour;
    }
}
