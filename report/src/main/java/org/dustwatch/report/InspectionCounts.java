package org.dustwatch.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The inspection figures of a set of checkpoints over some days: sums of the inspection
 * measurements' fields (docs/schema.md). A vehicle with several violations counts once in {@code
 * violating} and once in each kind.
 *
 * @param spillage the campaign's 遗撒飘散 count
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InspectionCounts(
        long inspected,
        long violating,
        long uncovered,
        long overheight,
        long overload,
        long spillage,
        long finesYuan) {

    /** No inspections. */
    public static final InspectionCounts NONE = new InspectionCounts(0, 0, 0, 0, 0, 0, 0);

    /** {@code violating / inspected}, 0 to 1, or {@code null} without inspections. */
    @JsonProperty
    public Double violationRate() {
        return inspected == 0 ? null : (double) violating / inspected;
    }

    /** The sum of two sets of figures. */
    public InspectionCounts plus(InspectionCounts o) {
        return new InspectionCounts(
                inspected + o.inspected,
                violating + o.violating,
                uncovered + o.uncovered,
                overheight + o.overheight,
                overload + o.overload,
                spillage + o.spillage,
                finesYuan + o.finesYuan);
    }
}
