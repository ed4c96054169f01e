package org.dustwatch.report.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * A minimal writer of inline SVG, so that the charts are hand-written markup with no library and no
 * script: every element is appended as text, every name escaped. The charts give each drawn element
 * a class and {@code data-*} attributes, so that a test can count them in the DOM.
 */
final class Svg {
    /** The font stack of every chart and of the page: Noto CJK (fonts-noto-cjk) for Chinese. */
    static final String FONTS =
            "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','WenQuanYi Micro Hei',"
                    + "'Microsoft YaHei',sans-serif";

    private final StringBuilder b = new StringBuilder();

    /** Opens an {@code <svg>} of the given size with the chart's name as class and data-chart. */
    Svg(String chart, double width, double height, String ariaLabel) {
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-")
                .append(chart)
                .append("\" data-chart=\"")
                .append(chart)
                .append("\" width=\"")
                .append(n(width))
                .append("\" height=\"")
                .append(n(height))
                .append("\" viewBox=\"0 0 ")
                .append(n(width))
                .append(' ')
                .append(n(height))
                .append("\" role=\"img\" aria-label=\"")
                .append(esc(ariaLabel))
                .append("\" font-family=\"")
                .append(esc(FONTS))
                .append("\">");
    }

    /** A rectangle; {@code attrs} are extra attributes already escaped by {@link #attr}. */
    Svg rect(double x, double y, double w, double h, String fill, String attrs, String title) {
        b.append("<rect x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" width=\"")
                .append(n(Math.max(0, w)))
                .append("\" height=\"")
                .append(n(Math.max(0, h)))
                .append("\" fill=\"")
                .append(fill)
                .append('"')
                .append(attrs);
        return closeWithTitle("rect", title);
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, String attrs) {
        b.append("<line x1=\"")
                .append(n(x1))
                .append("\" y1=\"")
                .append(n(y1))
                .append("\" x2=\"")
                .append(n(x2))
                .append("\" y2=\"")
                .append(n(y2))
                .append("\" stroke=\"")
                .append(stroke)
                .append('"')
                .append(attrs)
                .append("/>");
        return this;
    }

    /** A circle (a point of a line chart); {@code attrs} as for {@link #rect}. */
    Svg circle(double cx, double cy, double r, String fill, String attrs, String title) {
        b.append("<circle cx=\"")
                .append(n(cx))
                .append("\" cy=\"")
                .append(n(cy))
                .append("\" r=\"")
                .append(n(r))
                .append("\" fill=\"")
                .append(fill)
                .append('"')
                .append(attrs);
        return closeWithTitle("circle", title);
    }

    /** An open polyline through {@code xy} (x0, y0, x1, y1, …), unfilled. */
    Svg polyline(double[] xy, String stroke, String attrs) {
        b.append("<polyline points=\"");
        for (int i = 0; i + 1 < xy.length; i += 2) {
            b.append(i == 0 ? "" : " ").append(n(xy[i])).append(',').append(n(xy[i + 1]));
        }
        b.append("\" fill=\"none\" stroke=\"")
                .append(stroke)
                .append("\" stroke-width=\"2\"")
                .append(attrs)
                .append("/>");
        return this;
    }

    /** A text; {@code anchor} is start, middle or end. */
    Svg text(double x, double y, String text, String anchor, double size, String attrs) {
        b.append("<text x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\" font-size=\"")
                .append(n(size))
                .append("\" fill=\"#222\"")
                .append(attrs)
                .append('>')
                .append(esc(text))
                .append("</text>");
        return this;
    }

    String end() {
        return b.append("</svg>").toString();
    }

    private Svg closeWithTitle(String element, String title) {
        if (title == null) {
            b.append("/>");
        } else {
            b.append("><title>")
                    .append(esc(title))
                    .append("</title></")
                    .append(element)
                    .append('>');
        }
        return this;
    }

    /** {@code name="value"}, escaped. */
    static String attr(String name, String value) {
        return " " + name + "=\"" + esc(value) + "\"";
    }

    /** A coordinate with at most two decimals, without a trailing zero. */
    static String n(double v) {
        BigDecimal d =
                BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    /** Escapes text and attribute values for XML and HTML. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten, at least {@code max}. */
    static double niceMax(double max) {
        if (max <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(max)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= max) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** An axis label: whole numbers grouped, else one decimal. */
    static String tick(double v) {
        if (v == Math.rint(v)) {
            return Numbers.count((long) v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
