package org.dustwatch.bench.alerts;

import static org.dustwatch.bench.alerts.AlertWorkload.HOUR;
import static org.dustwatch.bench.alerts.AlertWorkload.START;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dustwatch.jobs.settings.Settings;
import org.dustwatch.model.Decoded;
import org.dustwatch.model.DecoderOptions;
import org.dustwatch.model.Reading;
import org.dustwatch.model.ReadingDecoder;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Topics;
import org.dustwatch.simulator.DistrictSimulator;
import org.dustwatch.simulator.GroundTruth;
import org.dustwatch.simulator.Scenario;
import org.dustwatch.simulator.SimEvent;
import org.dustwatch.simulator.SimulationOptions;

/**
 * One seed's air: the bundled district with its stations at their own cadences, injected pollution
 * episodes, and the simulator's own faults at their default rates (station outages, stuck sensors,
 * missing values, 1% bad records), through {@link AirPipeline}. The ground truth gives the outages;
 * the episodes are the ones injected here.
 */
final class AirWorkload {

    static final double[] SIZES = {1.5, 2, 3};
    static final int[] DURATIONS = {2, 4, 8};

    /** An injected episode: in a township, from hour index {@code from} for {@code hours}. */
    record Episode(String township, int from, int hours, double factor, boolean night) {
        long fromMs() {
            return START.toEpochMilli() + from * HOUR;
        }

        long toMs() {
            return fromMs() + hours * HOUR;
        }

        Scenario.Episode scenario() {
            return new Scenario.Episode(
                    township, START.plus(Duration.ofHours(from)), Duration.ofHours(hours), factor);
        }
    }

    /** A station outage of the simulator's ground truth, epoch ms. */
    record Outage(String station, long from, long to) {}

    final long seed;
    final int hours;
    final List<Episode> episodes;
    final List<Outage> outages = new ArrayList<>();
    final List<Alert> alerts;
    final Map<String, Map<Long, Integer>> townshipLevels;
    final Map<String, long[]> stationMinutes;
    long readings;

    /**
     * Alerts as the scoring reads them; {@code byRise}: an episode opened by the rise of PM2.5 (its
     * baseline is the stations' previous mean), not by the AQI level (no baseline).
     */
    record Alert(
            String kind,
            String subject,
            long windowStart,
            long windowEnd,
            boolean open,
            boolean byRise) {
        Alert(String kind, String subject, long windowStart, long windowEnd, boolean open) {
            this(kind, subject, windowStart, windowEnd, open, false);
        }
    }

    AirWorkload(ReferenceData reference, Settings settings, long seed, int weeks, double perDay)
            throws Exception {
        this.seed = seed;
        this.hours = weeks * 7 * 24;
        this.episodes = episodes(reference, seed, hours);
        List<Scenario.Episode> injected = new ArrayList<>();
        for (Episode e : episodes) {
            injected.add(e.scenario());
        }
        SimulationOptions d =
                SimulationOptions.defaults(seed, START, Duration.ofHours(hours), perDay / 24);
        SimulationOptions o =
                d.withDeliveryFaults(d.badRate(), 0, 0, 0)
                        .withScenario(new Scenario(List.of(), injected));
        // the data are in the past of any clock after the span: nothing is "from the future"
        Clock after = Clock.fixed(START.plus(Duration.ofDays(400L * weeks)), ZoneOffset.UTC);
        ReadingDecoder decoder = new ReadingDecoder(reference, DecoderOptions.defaults(), after);
        DistrictSimulator sim = new DistrictSimulator(reference, o);
        try (AirPipeline p = new AirPipeline(reference, settings)) {
            while (sim.hasNext()) {
                SimEvent e = sim.next();
                if (!e.topic().equals(Topics.READINGS)) {
                    continue;
                }
                if (decoder.decode(e.value().getBytes(StandardCharsets.UTF_8))
                        instanceof Decoded.Ok<Reading> ok) {
                    p.accept(ok.value());
                    readings++;
                }
            }
            p.finish();
            this.alerts = new ArrayList<>();
            for (org.dustwatch.jobs.records.Alert a : p.alerts) {
                alerts.add(
                        new Alert(
                                a.kind(),
                                a.subject(),
                                a.windowStart(),
                                a.windowEnd(),
                                a.state().equals(org.dustwatch.jobs.records.Alert.OPEN),
                                a.kind().equals(AirScore.EPISODE) && !Double.isNaN(a.baseline())));
            }
            this.townshipLevels = p.townshipLevels;
            this.stationMinutes = p.stationMinutes();
        }
        GroundTruth truth = sim.groundTruth();
        for (GroundTruth.Offline off : truth.offlineStations()) {
            outages.add(
                    new Outage(
                            off.station(),
                            Instant.parse(off.from()).toEpochMilli(),
                            Instant.parse(off.to()).toEpochMilli()));
        }
    }

    /**
     * The episodes of a seed: each size of {@link #SIZES} for each duration of {@link #DURATIONS},
     * once by day (starting 09:00-14:00 local) and once by night (22:00-01:00), 18 in all, in a
     * random order and a random township each, one to each of 18 equal slots of the span (in four
     * weeks one every day and a half in the district, about one a fortnight in a township), so that
     * no two overlap: each ends at least 5 hours before the next begins.
     */
    static List<Episode> episodes(ReferenceData reference, long seed, int hours) {
        SplittableRandom r = new SplittableRandom(seed * 0xBF58476D1CE4E5B9L + 33);
        List<String> townships = new ArrayList<>(reference.townships());
        List<double[]> kinds = new ArrayList<>(); // factor, hours, night
        for (double f : SIZES) {
            for (int d : DURATIONS) {
                kinds.add(new double[] {f, d, 0});
                kinds.add(new double[] {f, d, 1});
            }
        }
        for (int i = kinds.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double[] t = kinds.get(i);
            kinds.set(i, kinds.get(j));
            kinds.set(j, t);
        }
        int slot = hours / kinds.size();
        if (slot < 36) {
            throw new IllegalArgumentException(
                    "too few weeks for " + kinds.size() + " episodes in slots of 36 hours or more");
        }
        List<Episode> out = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            double[] kind = kinds.get(k);
            boolean night = kind[2] == 1;
            String township = townships.get(r.nextInt(townships.size()));
            int localHour = night ? (22 + r.nextInt(4)) % 24 : 9 + r.nextInt(6);
            int h = k * slot + 6;
            while (h % 24 != localHour) {
                h++;
            }
            out.add(new Episode(township, h, (int) kind[1], kind[0], night));
        }
        return out;
    }
}
