package org.leadsync.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** docs/sync-rules.md R21 (Concurrency) and R6: batches in parallel up to a bound, the call waiting for all. */
class ParallelBatchesTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void batchesRunTogetherUpToTheBound_neverMore_andAnswerInOrder() {
        int bound = 4;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // the first `bound` batches only pass the barrier when all of them are in flight at once
        CyclicBarrier together = new CyclicBarrier(bound);
        List<Callable<Integer>> batches = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            batches.add(() -> {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    if (n < bound) {
                        together.await(30, TimeUnit.SECONDS);
                    }
                    return n * n;
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }

        List<Integer> results = new ParallelBatches(pool, bound).run(batches);

        assertEquals(List.of(0, 1, 4, 9, 16, 25, 36, 49, 64, 81), results, "results in batch order");
        assertEquals(bound, most.get(), "exactly the bound in flight at the most");
        assertEquals(0, inFlight.get(), "the call answers only once every batch has");
    }

    @Test
    void aFailedBatch_theOthersInFlightAreAwaited_noNewOneStarts_andTheFailureIsThrownAsItWas() {
        CountDownLatch failed = new CountDownLatch(1);
        CountDownLatch slowFinished = new CountDownLatch(1);
        // counts down once the failing batch's task has wholly ended (its failure recorded, its slot released),
        // so the slow batch frees its slot only after that: no race between the two releases
        CountDownLatch failureRecorded = new CountDownLatch(1);
        Executor recording = task -> pool.execute(() -> {
            task.run();
            failureRecorded.countDown();
        });
        AtomicInteger started = new AtomicInteger();
        IllegalStateException failure = new IllegalStateException("quota");
        List<Callable<String>> batches = List.of(
                () -> {
                    started.incrementAndGet();
                    failed.await(30, TimeUnit.SECONDS); // still in flight when the other batch fails
                    failureRecorded.await(30, TimeUnit.SECONDS);
                    slowFinished.countDown();
                    return "slow";
                },
                () -> {
                    started.incrementAndGet();
                    failed.countDown();
                    throw failure;
                },
                () -> {
                    started.incrementAndGet();
                    return "never";
                });

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> new ParallelBatches(recording, 2).run(batches));

        assertSame(failure, thrown, "the connector's typed failure reaches the caller unwrapped");
        assertEquals(0, slowFinished.getCount(), "the batch in flight finished before the call answered");
        assertEquals(2, started.get(), "after the failure no further batch was sent");
    }

    @Test
    void boundOne_isTheSequentialSend_onTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<Callable<Thread>> batches = List.of(Thread::currentThread, Thread::currentThread);
        List<Thread> ran = new ParallelBatches(pool, 1).run(batches);
        assertTrue(ran.stream().allMatch(t -> t == caller), ran.toString());
        assertThrows(IllegalArgumentException.class, () -> new ParallelBatches(pool, 0));
    }
}
