package org.leadsync.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The alert rules of docs/api.md (Alerts), one row per case: which rules fire for which facts. */
class AlertFactsTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final AlertFacts.Thresholds LIMITS = new AlertFacts.Thresholds(100, Duration.ofMinutes(30), 80);

    static AlertFacts facts(long errors, Duration sinceLastCycle, String outcome, double daily, double window20s,
                            double window5min) {
        return new AlertFacts(NOW, errors, sinceLastCycle == null ? null : NOW.minus(sinceLastCycle), null, outcome,
                daily, window20s, window5min, false);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("all well", facts(3, Duration.ofMinutes(1), "finished", 10, 10, 10), Set.of()),
                Arguments.of("100 errors is not above 100", facts(100, Duration.ofMinutes(1), "finished", 0, 0, 0), Set.of()),
                Arguments.of("101 errors", facts(101, Duration.ofMinutes(1), "finished", 0, 0, 0), Set.of(AlertRule.ERRORS_LAST_HOUR)),
                Arguments.of("no cycle for 31 min", facts(0, Duration.ofMinutes(31), "finished", 0, 0, 0), Set.of(AlertRule.NO_FINISHED_CYCLE)),
                Arguments.of("no cycle yet is not an alert", facts(0, null, null, 0, 0, 0), Set.of()),
                Arguments.of("daily quota 81 %", facts(0, Duration.ZERO, "finished", 81, 0, 0), Set.of(AlertRule.QUOTA_ABOVE)),
                Arguments.of("full pacing windows are no alert", facts(0, Duration.ZERO, "finished", 0, 100, 100), Set.of()),
                Arguments.of("quota stop", facts(0, Duration.ZERO, "stopped-quota", 100, 0, 0),
                        Set.of(AlertRule.DAILY_QUOTA_STOP, AlertRule.QUOTA_ABOVE)),
                Arguments.of("lease lost", facts(0, Duration.ZERO, "lost-lease", 0, 0, 0), Set.of(AlertRule.LEASE_LOST)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rulesFireAsDocumented(String name, AlertFacts facts, Set<AlertRule> expected) {
        assertEquals(expected, facts.firing(LIMITS).keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void switchedOffThresholdsNeverFire(String name, AlertFacts facts, Set<AlertRule> ignored) {
        Set<AlertRule> firing = facts.firing(new AlertFacts.Thresholds(-1, Duration.ZERO, 0)).keySet();
        assertTrue(firing.stream().noneMatch(r -> r == AlertRule.ERRORS_LAST_HOUR || r == AlertRule.NO_FINISHED_CYCLE
                || r == AlertRule.QUOTA_ABOVE), firing.toString());
    }

    @org.junit.jupiter.api.Test
    void anErrorThresholdOfZeroAlertsOnTheFirstFailure() {
        AlertFacts one = facts(1, Duration.ZERO, "finished", 0, 0, 0);
        assertEquals(Set.of(AlertRule.ERRORS_LAST_HOUR), one.firing(new AlertFacts.Thresholds(0, Duration.ZERO, 0)).keySet());
    }

    @org.junit.jupiter.api.Test
    void aCycleThatNeverFinishesCountsFromItsStart() {
        AlertFacts stuck = new AlertFacts(NOW, 0, null, NOW.minus(Duration.ofHours(1)), null, 0, 0, 0, false);
        assertEquals(Set.of(AlertRule.NO_FINISHED_CYCLE), stuck.firing(LIMITS).keySet());
    }
}
