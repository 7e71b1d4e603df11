package org.leadsync.connector;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Lets concurrent callers share one vendor request (docs/sync-rules.md R21: Dataverse counts a `$batch` or an
 * `In` filter as one request): a caller whose item finds fewer than `parallel` requests in flight sends at once,
 * with whatever else is waiting (up to `max` items); one that finds them all busy waits, and its item rides on
 * the next request. So a lone call costs no extra wait, and a burst of calls costs a few requests, not one each.
 *
 * @param <I> an item a caller hands in
 * @param <O> what the request answered for that item, in the order `send` was given the items
 */
public final class CallCoalescer<I, O> {

    private final Function<List<I>, List<O>> send;
    private final int max;
    private final int parallel;
    private final Object lock = new Object();
    private final ArrayDeque<Pending<I, O>> queue = new ArrayDeque<>();
    private int inFlight;

    public CallCoalescer(Function<List<I>, List<O>> send, int max, int parallel) {
        this.send = send;
        this.max = Math.max(1, max);
        this.parallel = Math.max(1, parallel);
    }

    private static final class Pending<I, O> {
        final I item;
        boolean taken;
        boolean done;
        O result;
        RuntimeException failure;

        Pending(I item) {
            this.item = item;
        }
    }

    /** The answer for `item`; a failure of the shared request is every rider's failure. */
    public O submit(I item) {
        Pending<I, O> mine = new Pending<>(item);
        List<Pending<I, O>> batch = new ArrayList<>();
        synchronized (lock) {
            queue.addLast(mine);
            try {
                while (!mine.done && (mine.taken || inFlight >= parallel)) {
                    lock.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (!mine.taken) {
                    queue.remove(mine);
                    throw new IllegalStateException("Interrupted while waiting to send", e);
                }
                while (!mine.done) { // taken: its request is out and will answer for it
                    try {
                        lock.wait();
                    } catch (InterruptedException again) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            if (!mine.done) {
                inFlight++;
                queue.remove(mine); // the sender's own item always goes, then the oldest waiting
                mine.taken = true;
                batch.add(mine);
                while (!queue.isEmpty() && batch.size() < max) {
                    Pending<I, O> p = queue.pollFirst();
                    p.taken = true;
                    batch.add(p);
                }
            }
        }
        if (!batch.isEmpty()) {
            sendFor(batch);
        }
        synchronized (lock) {
            while (!mine.done) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    private void sendFor(List<Pending<I, O>> batch) {
        List<O> results = null;
        RuntimeException failure = null;
        try {
            results = send.apply(batch.stream().map(p -> p.item).toList());
            if (results.size() != batch.size()) {
                failure = new IllegalStateException("A shared request answered " + results.size() + " of " + batch.size() + " items");
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (lock) {
            for (int i = 0; i < batch.size(); i++) {
                Pending<I, O> p = batch.get(i);
                p.failure = failure;
                p.result = failure == null ? results.get(i) : null;
                p.done = true;
            }
            inFlight--;
            lock.notifyAll();
        }
    }
}
