package org.leadsync.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallPacerTest {

    @Test
    void thePacerWaitsForTheWindowOnceItsRequestsAreSpent() throws Exception {
        AtomicLong now = new AtomicLong();
        List<Long> waits = new ArrayList<>();
        CallPacer pacer = new CallPacer(3, Duration.ofSeconds(10), 8, now::get, nanos -> {
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
    void aMarketoWindowAdmitsItsLimitThenWaitsForTheFirstToLeave() throws Exception {
        AtomicLong now = new AtomicLong();
        List<Long> waits = new ArrayList<>();
        CallPacer pacer = new CallPacer(3, Duration.ofSeconds(20), 0, now::get, nanos -> {
            waits.add(nanos);
            now.addAndGet(nanos);
        });
        for (int second : new int[] {0, 1, 2}) {
            now.set(Duration.ofSeconds(second).toNanos());
            pacer.acquire();
            pacer.release();
        }
        now.set(Duration.ofSeconds(5).toNanos());
        pacer.acquire();
        assertEquals(List.of(Duration.ofSeconds(15).toNanos()), waits, "the first call leaves the 20 s window at 20 s");
    }

    @Test
    void aLimitOfZeroIsOff() throws Exception {
        CallPacer pacer = new CallPacer(0, Duration.ofSeconds(20), 0, () -> 0L, nanos -> {
            throw new AssertionError("an unlimited pacer never waits");
        });
        for (int i = 0; i < 1000; i++) {
            pacer.acquire();
        }
    }

    @Test
    void thePacerCapsConcurrency() throws Exception {
        CallPacer pacer = new CallPacer(0, Duration.ofMinutes(5), 2);
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
}
