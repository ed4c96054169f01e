package org.dustwatch.report;

/**
 * The parameters of the spillage and dust analysis ({@link SpillageDust}), printed in the report's
 * paragraph on its method.
 *
 * @param lagHours the hours after a spillage hour counted as "after": the hour itself and the next
 *     {@code lagHours - 1}
 * @param minSpillageHours fewest hours with spillage for a verdict
 * @param minOtherHours fewest hours without spillage (nor spillage in the {@code lagHours} before)
 *     for a verdict
 */
public record SpillageMethod(int lagHours, int minSpillageHours, int minOtherHours) {

    /** The same hour and the two after it; 10 spillage hours and 48 others at least. */
    public static final SpillageMethod DEFAULT = new SpillageMethod(3, 10, 48);
}
