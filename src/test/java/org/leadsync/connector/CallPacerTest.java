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

    /** Starts `acquire(rank)` on a thread of its own; the call's start is added to `started` by rank. */
    private static Thread caller(CallPacer pacer, int rank, List<Integer> started) {
        Thread t = new Thread(() -> {
            try {
                pacer.acquire(rank);
                synchronized (started) {
                    started.add(rank);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void awaitWaiting(CallPacer pacer, int rank, int count) throws InterruptedException {
        while (pacer.waiting(rank) < count) {
            Thread.onSpinWait();
            Thread.sleep(1);
        }
    }

    @Test
    void aFlowActionTakesTheFreedSlotBeforeTheBackgroundSyncThatWaitedLonger() throws Exception {
        CallPacer pacer = new CallPacer(0, Duration.ofMinutes(5), 1);
        pacer.acquire(1);
        List<Integer> started = new ArrayList<>();
        Thread bulk = caller(pacer, 2, started);
        Thread incremental = caller(pacer, 1, started);
        awaitWaiting(pacer, 2, 1);
        awaitWaiting(pacer, 1, 1);
        Thread flowAction = caller(pacer, 0, started);
        awaitWaiting(pacer, 0, 1);

        pacer.release();
        flowAction.join(5000);
        assertEquals(List.of(0), started, "the flow action goes first");
        pacer.release();
        incremental.join(5000);
        assertEquals(List.of(0, 1), started, "then the incremental sync");
        pacer.release();
        bulk.join(5000);
        assertEquals(List.of(0, 1, 2), started, "bulk work last");
    }

    @Test
    void whileAFlowActionWaitsForTheWindowNoBackgroundCallStarts() throws Exception {
        AtomicLong now = new AtomicLong();
        java.util.concurrent.Semaphore sleeping = new java.util.concurrent.Semaphore(0);
        java.util.concurrent.Semaphore wake = new java.util.concurrent.Semaphore(0);
        CallPacer pacer = new CallPacer(1, Duration.ofMinutes(5), 0, now::get, nanos -> {
            sleeping.release();
            wake.acquire();
        });
        pacer.acquire(1);
        pacer.release();
        List<Integer> started = new ArrayList<>();
        Thread flowAction = caller(pacer, 0, started);
        sleeping.acquire(); // the flow action waits for the window
        Thread incremental = caller(pacer, 1, started);
        awaitWaiting(pacer, 1, 1);
        assertTrue(sleeping.availablePermits() == 0, "the background call does not even wait for the window: it waits behind the flow action");

        now.set(Duration.ofMinutes(5).toNanos());
        wake.release();
        flowAction.join(5000);
        assertEquals(List.of(0), started, "the window's room goes to the flow action");
        sleeping.acquire(); // now the incremental call waits for the next room
        now.set(Duration.ofMinutes(10).toNanos());
        wake.release();
        incremental.join(5000);
        assertEquals(List.of(0, 1), started);
    }

    @Test
    void anInterruptedWaiterNoLongerHoldsBackWorseRanks() throws Exception {
        CallPacer pacer = new CallPacer(0, Duration.ofMinutes(5), 1);
        pacer.acquire(1);
        List<Integer> started = new ArrayList<>();
        Thread flowAction = caller(pacer, 0, started);
        awaitWaiting(pacer, 0, 1);
        flowAction.interrupt();
        flowAction.join(5000);
        assertEquals(0, pacer.waiting(0));
        Thread bulk = caller(pacer, 2, started);
        awaitWaiting(pacer, 2, 1);
        pacer.release();
        bulk.join(5000);
        assertEquals(List.of(2), started);
    }
}
