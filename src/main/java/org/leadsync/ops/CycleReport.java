package org.leadsync.ops;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leadsync.sync.CycleHistory;
import org.leadsync.sync.CycleRun;

/** Cycle history and throughput over time (docs/api.md, Cycle history and Throughput), from the cycle_run table. */
@Stateless
public class CycleReport {

    @Inject
    CycleHistory history;

    @Inject
    Clock clock;

    public Optional<CycleRun> find(long id) {
        return history.find(id);
    }

    public List<Cycle> page(CycleRun before, int limit) {
        return history.newestFirst(before, limit).stream().map(CycleReport::cycle).toList();
    }

    /** The chart's ranges: how far back, and the width of one bar. */
    public enum Range {
        HOUR("1h", Duration.ofHours(1), Duration.ofMinutes(1)),
        DAY("24h", Duration.ofHours(24), Duration.ofMinutes(15)),
        FIVE_DAYS("5d", Duration.ofDays(5), Duration.ofHours(1));

        public final String label;
        final Duration span;
        final Duration bucket;

        Range(String label, Duration span, Duration bucket) {
            this.label = label;
            this.span = span;
            this.bucket = bucket;
        }

        public static Optional<Range> of(String label) {
            for (Range range : values()) {
                if (range.label.equals(label)) {
                    return Optional.of(range);
                }
            }
            return Optional.empty();
        }
    }

    /** Records read and written per bucket, by the instant each cycle finished; empty buckets are zeros. */
    public Throughput throughput(Range range) {
        long bucketMs = range.bucket.toMillis();
        Instant now = clock.instant();
        long end = (now.toEpochMilli() / bucketMs + 1) * bucketMs;
        long start = end - range.span.toMillis();
        int count = (int) (range.span.toMillis() / bucketMs);
        long[] read = new long[count];
        long[] written = new long[count];
        long[] failed = new long[count];
        long[] cycles = new long[count];
        for (CycleRun run : history.finishedSince(Instant.ofEpochMilli(start))) {
            int i = (int) ((run.finishedAt().toEpochMilli() - start) / bucketMs);
            if (i < 0 || i >= count) {
                continue;
            }
            read[i] += run.pulledFromMarketo() + run.pulledFromDynamics();
            written[i] += run.writtenToMarketo() + run.writtenToDynamics();
            failed[i] += run.failed();
            cycles[i]++;
        }
        List<Point> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            points.add(new Point(Instant.ofEpochMilli(start + i * bucketMs), read[i], written[i], failed[i], cycles[i]));
        }
        return new Throughput(range.label, range.bucket, points);
    }

    private static Cycle cycle(CycleRun run) {
        Duration took = run.finishedAt() == null ? null : Duration.between(run.startedAt(), run.finishedAt());
        return new Cycle(run.id(), run.startedAt(), run.finishedAt(), took, run.outcome(), run.message(),
                run.pulledFromMarketo(), run.pulledFromDynamics(), run.writtenToMarketo(), run.writtenToDynamics(),
                run.collisions(), run.failed(), new Calls(run.marketoCalls(), run.dynamicsCalls()));
    }

    /** One cycle of GET /api/sync/cycles; `duration` and `calls` are null while it runs. */
    public record Cycle(long id, Instant startedAt, Instant finishedAt, Duration duration, String outcome,
                        String message, int pulledFromMarketo, int pulledFromDynamics, int writtenToMarketo,
                        int writtenToDynamics, int collisions, int failed, Calls calls) {
    }

    /** Calls the instance that ran the cycle made to each vendor meanwhile; null when not known. */
    public record Calls(Long marketo, Long dynamics) {
    }

    public record Throughput(String range, Duration bucket, List<Point> points) {
    }

    /** A bucket starting `at`: records read and written, records failed, cycles finished. */
    public record Point(Instant at, long read, long written, long failed, long cycles) {
    }
}
