package org.leadsync.flowaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.leadsync.db.TestDatabases;
import org.leadsync.port.CrmEntity;

/**
 * Durable accept (docs/api.md, Flow action) on both databases: a call is recorded, joined while pending,
 * kept pending with a growing wait while its outcome is unknown, taken by one retrier at a time, and settled.
 */
class FlowActionCallsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration FOREGROUND = Duration.ofSeconds(30);
    private static final Duration BASE = Duration.ofSeconds(5);

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2", (Supplier<DataSource>) TestDatabases::emptyH2),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) TestDatabases::emptyPostgres));
    }

    @ParameterizedTest(name = "attempt {0} waits {1} s")
    @CsvSource({"1, 5", "2, 10", "3, 20", "4, 40", "5, 80", "6, 160", "7, 300", "8, 300", "1000, 300"})
    void theWaitDoublesFromTheIntervalUpToFiveMinutes(int attempt, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), FlowActionCalls.backoff(attempt, BASE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCallIsRecordedJoinedRetriedTakenOnceAndSettled(String name, Supplier<DataSource> database) {
        EntityManagerFactory emf = TestDatabases.migratedUnit(database.get());
        try {
            SyncPersonRequest first = new SyncPersonRequest(42, CrmEntity.CONTACT, "9f3c5a2e-0c1d-4e7b-9a57-3f1c2d4b5e6f");
            SyncPersonRequest second = new SyncPersonRequest(42, CrmEntity.LEAD, null);

            assertFalse(yes(emf, c -> c.accept(first, T0, FOREGROUND)), "a new call");
            assertTrue(yes(emf, c -> c.accept(second, T0.plusSeconds(1), FOREGROUND)), "joins the pending one");
            assertEquals(first, inTx(emf, c -> c.find(42).orElseThrow().request()), "the first call's request stands");
            assertEquals(1, number(emf, c -> c.backlog().pending()));
            assertEquals(T0, inTx(emf, c -> c.backlog().oldestAcceptedAt()));

            // the caller's own attempt is still running: nothing is due before the foreground time is over
            assertEquals(List.of(), inTx(emf, c -> c.due(T0.plusSeconds(29), 10)));
            assertEquals(1, inTx(emf, c -> c.due(T0.plus(FOREGROUND), 10)).size());

            // unknown outcome: kept pending, the wait grows with every attempt
            assertEquals(1, number(emf, c -> c.retryLater(42, "Dynamics unavailable", T0.plusSeconds(25), BASE)));
            assertEquals(T0.plusSeconds(30), inTx(emf, c -> c.find(42).orElseThrow().nextAttemptAt()));
            assertEquals(2, number(emf, c -> c.retryLater(42, "Dynamics unavailable", T0.plusSeconds(30), BASE)));
            assertEquals(T0.plusSeconds(40), inTx(emf, c -> c.find(42).orElseThrow().nextAttemptAt()));

            // one retrier takes it; another one finds it no longer due
            Instant due = T0.plusSeconds(40);
            assertEquals(first, inTx(emf, c -> c.take(42, due, due.plusSeconds(30))).orElseThrow());
            assertTrue(inTx(emf, c -> c.take(42, due, due.plusSeconds(30))).isEmpty(), "taken once");
            assertEquals(List.of(), inTx(emf, c -> c.due(due, 10)));

            inTx(emf, c -> {
                c.settle(42, "created", due.plusSeconds(2));
                return null;
            });
            FlowActionCall done = inTx(emf, c -> c.find(42).orElseThrow());
            assertFalse(done.pending());
            assertEquals("created", done.outcome());
            assertEquals(0, number(emf, c -> c.backlog().pending()));
            assertNull(inTx(emf, c -> c.backlog().oldestAcceptedAt()));
            assertEquals(0, number(emf, c -> c.retryLater(42, "late answer of an old attempt", due, BASE)), "a settled call stays settled");

            // R1's CRM fields are written in batches after the answer; a newer record named meanwhile wins
            assertTrue(yes(emf, c -> c.writeBackLater(42, CrmEntity.LEAD, "rec-1")));
            assertFalse(yes(emf, c -> c.writeBackLater(7, CrmEntity.LEAD, "rec-x")), "no call, no row: the caller writes at once");
            List<FlowActionCall> batch = inTx(emf, c -> c.writeBacksDue(300));
            assertEquals(1, batch.size());
            assertEquals(Map.of("msftId", "rec-1", "msftType", "Lead", "msftIsDeleted", false), batch.get(0).pendingWriteBack().fields());
            assertTrue(yes(emf, c -> c.writeBackLater(42, CrmEntity.CONTACT, "rec-2")));
            inTx(emf, c -> {
                c.writtenBack(batch);
                return null;
            });
            List<FlowActionCall> newer = inTx(emf, c -> c.writeBacksDue(300));
            assertEquals("rec-2", newer.get(0).pendingWriteBack().fields().get("msftId"), "the batch wrote rec-1, not rec-2");
            inTx(emf, c -> {
                c.writtenBack(newer);
                return null;
            });
            assertEquals(List.of(), inTx(emf, c -> c.writeBacksDue(300)));

            // a later call for the same person starts anew, with its own request
            assertFalse(yes(emf, c -> c.accept(second, T0.plusSeconds(100), FOREGROUND)));
            FlowActionCall again = inTx(emf, c -> c.find(42).orElseThrow());
            assertTrue(again.pending());
            assertEquals(second, again.request());
            assertEquals(0, again.attempts());
        } finally {
            emf.close();
        }
    }

    private static boolean yes(EntityManagerFactory emf, Function<FlowActionCalls, Boolean> work) {
        return inTx(emf, work);
    }

    private static long number(EntityManagerFactory emf, Function<FlowActionCalls, ? extends Number> work) {
        return inTx(emf, work).longValue();
    }

    private static <T> T inTx(EntityManagerFactory emf, Function<FlowActionCalls, T> work) {
        EntityManager em = emf.createEntityManager();
        FlowActionCalls calls = new FlowActionCalls();
        calls.em = em;
        try {
            em.getTransaction().begin();
            T result = work.apply(calls);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }
}
