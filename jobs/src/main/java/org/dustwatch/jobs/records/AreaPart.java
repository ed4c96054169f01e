package org.dustwatch.jobs.records;

/**
 * A station's averages as a part of an area: its township, or the district.
 *
 * @param scope {@code township} or {@code district}
 * @param area the township, or {@code district}
 * @param station the station's averages
 */
public record AreaPart(String scope, String area, AqiInput station) {

    /** The key of the area's report: {@code scope|area|window|start}. */
    public String key() {
        return scope + "|" + area + "|" + station.window() + "|" + station.start();
    }
}
