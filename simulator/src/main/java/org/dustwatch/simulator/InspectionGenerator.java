package org.dustwatch.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.dustwatch.model.Cargo;
import org.dustwatch.model.Checkpoint;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Topics;
import org.dustwatch.model.VehicleType;
import org.dustwatch.model.Violation;

/**
 * Generates inspections spread evenly over an event-time span, with a share of bad records. The
 * same seed and settings give the same sequence.
 *
 * <p>This first generator is deliberately simple (uniform traffic, violation odds by cargo); the
 * realistic district model with diurnal profiles, air quality and episodes is tracked separately.
 */
public final class InspectionGenerator implements Iterator<SimEvent> {

    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
                    .withZone(ZoneOffset.ofHours(8));

    /** Fine per violation, yuan. */
    private static final int[] FINE = {200, 500, 1000, 2000};

    private final List<Checkpoint> checkpoints;
    private final SplittableRandom random;
    private final long startMillis;
    private final long stepMicros;
    private final long count;
    private final double badRate;
    private long produced;

    public InspectionGenerator(
            ReferenceData reference,
            long seed,
            Instant start,
            java.time.Duration span,
            long count,
            double badRate) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        if (badRate < 0 || badRate > 1) {
            throw new IllegalArgumentException("bad rate must be in [0, 1]");
        }
        this.checkpoints = List.copyOf(reference.checkpoints());
        this.random = new SplittableRandom(seed);
        this.startMillis = start.toEpochMilli();
        this.stepMicros = count == 0 ? 0 : span.toNanos() / 1000 / count;
        this.count = count;
        this.badRate = badRate;
    }

    @Override
    public boolean hasNext() {
        return produced < count;
    }

    @Override
    public SimEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long n = produced++;
        Checkpoint cp = checkpoints.get(random.nextInt(checkpoints.size()));
        long ts = startMillis + n * stepMicros / 1000;
        if (random.nextDouble() < badRate) {
            return bad(n, cp, ts);
        }
        Cargo cargo = Cargo.values()[random.nextInt(Cargo.values().length)];
        VehicleType type = VehicleType.values()[random.nextInt(VehicleType.values().length)];
        StringBuilder violations = new StringBuilder();
        int fine = 0;
        for (Violation v : Violation.values()) {
            if (random.nextDouble() < odds(cargo, v)) {
                if (!violations.isEmpty()) {
                    violations.append(',');
                }
                violations.append('"').append(v.name()).append('"');
                fine += FINE[v.ordinal()];
            }
        }
        return new SimEvent(
                Topics.INSPECTIONS,
                cp.id(),
                json(eventId(cp, n), cp.id(), ts, type.name(), cargo.name(), violations, fine));
    }

    /** Uncovered loads and spillage are the muck and stone-powder trucks' vice. */
    private static double odds(Cargo cargo, Violation v) {
        boolean dusty = cargo == Cargo.MUCK || cargo == Cargo.STONE_POWDER;
        return switch (v) {
            case UNCOVERED -> cargo == Cargo.EMPTY ? 0.0 : dusty ? 0.18 : 0.06;
            case SPILLAGE -> cargo == Cargo.EMPTY ? 0.0 : dusty ? 0.10 : 0.02;
            case OVERLOAD -> cargo == Cargo.EMPTY ? 0.0 : 0.05;
            case OVERHEIGHT -> 0.02;
        };
    }

    private SimEvent bad(long n, Checkpoint cp, long ts) {
        String good =
                json(eventId(cp, n), cp.id(), ts, "HEAVY_TRUCK", "COAL", new StringBuilder(), 0);
        return switch (random.nextInt(4)) {
            case 0 ->
                    new SimEvent(Topics.INSPECTIONS, cp.id(), good.substring(0, good.length() / 2));
            case 1 ->
                    new SimEvent(
                            Topics.INSPECTIONS, "CP-UNKNOWN", good.replace(cp.id(), "CP-UNKNOWN"));
            case 2 -> new SimEvent(Topics.INSPECTIONS, cp.id(), good.replace("COAL", "GOLD"));
            default ->
                    new SimEvent(
                            Topics.INSPECTIONS,
                            cp.id(),
                            good.replace("\"fineYuan\":0", "\"fineYuan\":-50"));
        };
    }

    private static String eventId(Checkpoint cp, long n) {
        return cp.id() + "-" + n;
    }

    private static String json(
            String eventId,
            String checkpointId,
            long ts,
            String vehicleType,
            String cargo,
            CharSequence violations,
            int fine) {
        return "{\"eventId\":\""
                + eventId
                + "\",\"checkpointId\":\""
                + checkpointId
                + "\",\"ts\":\""
                + TS.format(Instant.ofEpochMilli(ts))
                + "\",\"plate\":\"SIM"
                + Math.floorMod(eventId.hashCode(), 100000)
                + "\",\"vehicleType\":\""
                + vehicleType
                + "\",\"cargo\":\""
                + cargo
                + "\",\"violations\":["
                + violations
                + "],\"fineYuan\":"
                + fine
                + "}";
    }
}
