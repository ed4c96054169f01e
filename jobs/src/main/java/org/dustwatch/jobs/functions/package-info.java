/**
 * The topology's functions, one subpackage per stage: {@code ingest}, {@code rollup}, {@code aqi},
 * {@code alerts}, {@code health}. The classes left here are state types whose class names are
 * written into savepoints (the window accumulators {@link
 * org.dustwatch.jobs.functions.InspectionTally} and {@link org.dustwatch.jobs.functions.AirTally},
 * and {@link org.dustwatch.jobs.functions.StationHours}, whose {@code HourTally} is its keyed
 * state): moving them would make every savepoint before the move unrestorable.
 */
package org.dustwatch.jobs.functions;
