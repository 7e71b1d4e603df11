package org.leadsync.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leadsync.sync.CycleCounts;
import org.leadsync.sync.CycleHistory;
import org.leadsync.sync.CycleRun;

/** The throughput buckets of docs/api.md (Throughput): by the instant a cycle finished, zeros where none did. */
class CycleReportTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:30:30Z");

    final List<CycleRun> runs = new ArrayList<>();
    final CycleReport report = new CycleReport();

    CycleReportTest() {
        report.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        report.history = new CycleHistory() {
            @Override
            public List<CycleRun> finishedSince(Instant from) {
                return runs.stream().filter(r -> !r.finishedAt().isBefore(from)).toList();
            }
        };
    }

    void cycle(Instant finished, int read, int written, int failed) {
        CycleRun run = new CycleRun("test", finished.minusSeconds(2));
        run.add(new CycleCounts(read, 0, written, 0, 0, failed));
        run.finish("finished", null, finished);
        runs.add(run);
    }

    @Test
    void theLastHourHasSixtyMinutesEndingWithTheCurrentOne() {
        cycle(NOW.minusSeconds(10), 5, 3, 1);
        cycle(NOW.minusSeconds(20), 2, 2, 0);
        cycle(NOW.minus(Duration.ofMinutes(2)), 7, 0, 0);
        cycle(NOW.minus(Duration.ofHours(2)), 100, 100, 100); // outside the range
        CycleReport.Throughput t = report.throughput(CycleReport.Range.HOUR);
        assertEquals(60, t.points().size());
        assertEquals(Duration.ofMinutes(1), t.bucket());
        CycleReport.Point last = t.points().get(59);
        assertEquals(Instant.parse("2026-11-25T10:30:00Z"), last.at());
        assertEquals(new CycleReport.Point(last.at(), 7, 5, 1, 2), last);
        assertEquals(7, t.points().get(57).read());
        assertEquals(14, t.points().stream().mapToLong(CycleReport.Point::read).sum());
    }

    @Test
    void fiveDaysAreHours() {
        cycle(NOW.minus(Duration.ofDays(4)), 1, 1, 0);
        CycleReport.Throughput t = report.throughput(CycleReport.Range.FIVE_DAYS);
        assertEquals(120, t.points().size());
        assertEquals(1, t.points().stream().mapToLong(CycleReport.Point::cycles).sum());
    }

    @Test
    void rangesAreNamedAsTheApiNamesThem() {
        assertEquals(CycleReport.Range.DAY, CycleReport.Range.of("24h").orElseThrow());
        assertEquals(true, CycleReport.Range.of("2h").isEmpty());
    }

    @Test
    void quotaPercentHasOneDecimalAndAZeroLimitIsZero() {
        assertEquals(3.7, QuotaUse.Use.of(1840, 50000, "k").percent());
        assertEquals(0.0, QuotaUse.Use.of(5, 0, "k").percent());
        assertEquals(100.0, QuotaUse.Use.of(80, 80, "k").percent());
    }
}
