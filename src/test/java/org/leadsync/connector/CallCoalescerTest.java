package org.leadsync.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Concurrent callers share one request; a lone caller sends at once (docs/sync-rules.md R21). */
class CallCoalescerTest {

    @Test
    void aLoneCallSendsAtOnceWithItsOwnItem() {
        List<List<Integer>> sent = new ArrayList<>();
        CallCoalescer<Integer, String> coalescer = new CallCoalescer<>(items -> {
            sent.add(items);
            return items.stream().map(i -> "#" + i).toList();
        }, 200, 1);
        assertEquals("#1", coalescer.submit(1));
        assertEquals("#2", coalescer.submit(2));
        assertEquals(List.of(List.of(1), List.of(2)), sent);
    }

    @Test
    void callsArrivingWhileARequestIsOutRideOnTheNextOneAndEachGetsItsOwnAnswer() throws Exception {
        CountDownLatch firstOut = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        List<List<Integer>> sent = new ArrayList<>();
        CallCoalescer<Integer, Integer> coalescer = new CallCoalescer<>(items -> {
            synchronized (sent) {
                sent.add(items);
            }
            if (items.contains(0)) {
                firstOut.countDown();
                try {
                    letGo.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return items.stream().map(i -> i * 10).toList();
        }, 200, 1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Future<Integer> first = pool.submit(() -> coalescer.submit(0));
            firstOut.await();
            List<Future<Integer>> riders = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int item = i;
                riders.add(pool.submit(() -> coalescer.submit(item)));
            }
            while (true) { // the five wait for the request that is out
                Thread.sleep(5);
                if (riders.stream().noneMatch(Future::isDone) && pool instanceof java.util.concurrent.ThreadPoolExecutor t && t.getActiveCount() == 6) {
                    break;
                }
            }
            letGo.countDown();
            assertEquals(0, first.get());
            for (int i = 0; i < 5; i++) {
                assertEquals((i + 1) * 10, riders.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, sent.size(), "two requests for six calls: " + sent);
        assertEquals(List.of(1, 2, 3, 4, 5), sent.get(1).stream().sorted().toList());
    }

    @Test
    void aFailedRequestFailsEveryRiderAndTheNextCallSendsAgain() {
        IllegalStateException down = new IllegalStateException("HTTP 503");
        boolean[] fail = {true};
        CallCoalescer<Integer, Integer> coalescer = new CallCoalescer<>(items -> {
            if (fail[0]) {
                throw down;
            }
            return items;
        }, 10, 1);
        assertSame(down, assertThrows(IllegalStateException.class, () -> coalescer.submit(1)));
        fail[0] = false;
        assertEquals(2, coalescer.submit(2));
    }

    @Test
    void atMostMaxItemsGoInOneRequest() throws Exception {
        CountDownLatch firstOut = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        List<Integer> sizes = new ArrayList<>();
        CallCoalescer<Integer, Integer> coalescer = new CallCoalescer<>(items -> {
            synchronized (sizes) {
                sizes.add(items.size());
            }
            if (items.contains(-1)) {
                firstOut.countDown();
                try {
                    letGo.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return items;
        }, 3, 1);
        java.util.concurrent.ThreadPoolExecutor pool = (java.util.concurrent.ThreadPoolExecutor) Executors.newFixedThreadPool(8);
        try {
            Future<Integer> first = pool.submit(() -> coalescer.submit(-1));
            firstOut.await();
            List<Future<Integer>> rest = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                int item = i;
                rest.add(pool.submit(() -> coalescer.submit(item)));
            }
            while (pool.getActiveCount() < 8) {
                Thread.sleep(5);
            }
            letGo.countDown();
            first.get();
            for (Future<Integer> f : rest) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(8, sizes.stream().mapToInt(Integer::intValue).sum());
        assertEquals(3, sizes.stream().mapToInt(Integer::intValue).max().orElseThrow(), "never more than max: " + sizes);
    }
}
