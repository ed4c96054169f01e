package org.dustwatch.bench;

import java.time.Clock;
import java.util.List;
import org.dustwatch.model.Decoded;
import org.dustwatch.model.DecoderOptions;
import org.dustwatch.model.InspectionDecoder;
import org.dustwatch.model.ReadingDecoder;
import org.dustwatch.model.RecordDecoder;
import org.dustwatch.model.ReferenceData;

/**
 * The machine's ceiling for this work: Kafka consume plus parsing into the job's own records (the
 * same validating decoders the job's source uses), on every core, with no Flink.
 */
final class Ceiling {
    private Ceiling() {}

    /** Returns {records read, records decoded}. */
    static long[] run(
            String bootstrap,
            String inspections,
            String readings,
            ReferenceData reference,
            int threads,
            Progress progress)
            throws Exception {
        long[] ok = new long[threads];
        long read =
                Drain.run(
                        bootstrap,
                        List.of(inspections, readings),
                        threads,
                        i -> {
                            RecordDecoder<?> insp =
                                    new InspectionDecoder.Factory(
                                                    reference, DecoderOptions.defaults())
                                            .create(Clock.systemUTC());
                            RecordDecoder<?> rd =
                                    new ReadingDecoder.Factory(reference, DecoderOptions.defaults())
                                            .create(Clock.systemUTC());
                            return (topic, value) -> {
                                Decoded<?> d =
                                        topic.equals(inspections)
                                                ? insp.decode(value)
                                                : rd.decode(value);
                                if (d instanceof Decoded.Ok<?>) {
                                    ok[i]++;
                                }
                            };
                        },
                        progress);
        long decoded = 0;
        for (long n : ok) {
            decoded += n;
        }
        return new long[] {read, decoded};
    }
}
