package org.dustwatch.model;

/**
 * A validated, enriched truck inspection.
 *
 * <p>Built only by {@link InspectionDecoder}, so every instance passed validation. The plate is
 * deliberately absent: it is personal data and never leaves Kafka in clear. Only its keyed hash
 * does, which is enough to match repeat offenders ({@link PlateKey}).
 *
 * @param eventId unique id of the inspection, used for de-duplication
 * @param checkpointId id of the checkpoint (reference data key)
 * @param ts event time, epoch milliseconds
 * @param vehicleType kind of vehicle
 * @param cargo what it carried
 * @param violations bit mask of {@link Violation#bit()}; 0 means the truck passed
 * @param fineYuan fines issued, in yuan
 * @param road road of the checkpoint, from reference data
 * @param township township of the checkpoint, from reference data
 * @param plateHash the plate's keyed hash ({@link PlateKey.Hasher#hash}); {@code null} when no
 *     plate key is configured
 * @param revision 0 for the original record; a correction of it is sent again under the same {@code
 *     eventId} with a higher revision, and supersedes it in {@code dustwatch recompute}
 *     (docs/events.md, "Corrections")
 */
public record Inspection(
        String eventId,
        String checkpointId,
        long ts,
        VehicleType vehicleType,
        Cargo cargo,
        int violations,
        int fineYuan,
        String road,
        String township,
        String plateHash,
        int revision) {

    /** An original record: revision 0. */
    public Inspection(
            String eventId,
            String checkpointId,
            long ts,
            VehicleType vehicleType,
            Cargo cargo,
            int violations,
            int fineYuan,
            String road,
            String township,
            String plateHash) {
        this(
                eventId,
                checkpointId,
                ts,
                vehicleType,
                cargo,
                violations,
                fineYuan,
                road,
                township,
                plateHash,
                0);
    }

    /** Whether the truck had at least one violation. */
    public boolean violating() {
        return violations != 0;
    }

    /** Whether the truck had violation {@code v}. */
    public boolean has(Violation v) {
        return v.in(violations);
    }
}
