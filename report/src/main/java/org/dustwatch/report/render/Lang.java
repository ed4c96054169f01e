package org.dustwatch.report.render;

import java.util.Locale;

/**
 * The language of a report's edition. Chinese is the analysts' own and the default; English has the
 * same content, for readers outside the center.
 */
public enum Lang {
    ZH,
    EN;

    /** {@code zh} or {@code en}, as {@code --lang} takes it and as the HTML {@code lang} says. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The language of a code, {@code zh} or {@code en} (case-insensitive). */
    public static Lang of(String code) {
        for (Lang l : values()) {
            if (l.code().equalsIgnoreCase(code)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown language '" + code + "' (zh or en)");
    }

    /** The Chinese or the English of a text, whichever this edition is. */
    public String pick(String zh, String en) {
        return this == ZH ? zh : en;
    }
}
