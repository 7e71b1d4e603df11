package org.leadsync.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DynamicsPacingTest {

    @Test
    void thePacerWaitsForTheWindowOnceItsRequestsAreSpent() throws Exception {
        AtomicLong now = new AtomicLong();
        List<Long> waits = new ArrayList<>();
        RequestPacer pacer = new RequestPacer(3, Duration.ofSeconds(10), 8, now::get, nanos -> {
            waits.add(nanos);
            now.addAndGet(nanos);
        });
        for (int i = 0; i < 3; i++) {
            pacer.acquire();
            pacer.release();
            now.addAndGet(Duration.ofSeconds(1).toNanos());
        }
        assertTrue(waits.isEmpty());
        pacer.acquire();
        pacer.release();
        assertEquals(List.of(Duration.ofSeconds(7).toNanos()), waits, "the fourth waits until the first leaves the window");
    }

    @Test
    void thePacerCapsConcurrency() throws Exception {
        RequestPacer pacer = new RequestPacer(0, Duration.ofMinutes(5), 2);
        pacer.acquire();
        pacer.acquire();
        Thread third = new Thread(() -> {
            try {
                pacer.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        third.start();
        third.join(200);
        assertTrue(third.isAlive(), "a third request waits while two are in flight");
        pacer.release();
        third.join(2000);
        assertTrue(!third.isAlive());
    }

    @Test
    void backoffHonoursRetryAfterAndOtherwiseGrowsWithJitter() {
        Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.0);
        Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 1.0);
        assertEquals(Duration.ofSeconds(3), low.delay(4, Backoff.retryAfter("3")));
        assertEquals(Duration.ofMillis(50), low.delay(0, null));
        assertEquals(Duration.ofMillis(100), high.delay(0, null));
        assertEquals(Duration.ofMillis(400), high.delay(2, null));
        assertEquals(Duration.ofSeconds(5), high.delay(30, null), "capped");
        assertNull(Backoff.retryAfter("soon"));
    }
}
