package org.leadsync.connector;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Keeps LeadSync under a vendor's limits before the vendor has to say so (docs/sync-rules.md R21): at
 * most `perWindow` call starts in any sliding `window`, at most `maxConcurrent` in flight. A limit of 0
 * is off. One pacer for both connectors (Marketo: 20 s window; Dataverse: 5 min).
 *
 * <p>Calls wait by rank (0 first: the order of {@code port.CallPriority}, flow action, incremental, bulk):
 * while a call of a better rank waits for a slot or for room in the window, no call of a worse rank starts,
 * so a person waiting on a flow action goes ahead of the background sync (R21, Priority).
 */
public final class CallPacer {

    /** How the pacer waits; tests replace it to move a fake clock. */
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    /** Ranks kept apart; a higher one counts as the last. */
    public static final int RANKS = 3;

    private final int perWindow;
    private final long windowNanos;
    private final int maxConcurrent;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();
    private final Object lock = new Object();
    private final int[] waiting = new int[RANKS];
    private int inFlight;

    public CallPacer(int perWindow, Duration window, int maxConcurrent) {
        this(perWindow, window, maxConcurrent, System::nanoTime,
                nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    public CallPacer(int perWindow, Duration window, int maxConcurrent, LongSupplier clock, Sleeper sleeper) {
        this.perWindow = perWindow;
        this.windowNanos = window.toNanos();
        this.maxConcurrent = maxConcurrent;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Blocks until a call of the middle rank may start; pair with {@link #release()}. */
    public void acquire() throws InterruptedException {
        acquire(1);
    }

    /** Blocks until a call of `rank` may start (no better rank waiting, a slot, room in the window); pair with {@link #release()}. */
    public void acquire(int rank) throws InterruptedException {
        int r = Math.max(0, Math.min(RANKS - 1, rank));
        synchronized (lock) {
            waiting[r]++;
        }
        try {
            while (true) {
                long wait;
                synchronized (lock) {
                    if (betterWaiting(r) || maxConcurrent > 0 && inFlight >= maxConcurrent) {
                        lock.wait();
                        continue;
                    }
                    wait = tryStart();
                    if (wait == 0) {
                        inFlight++;
                        waiting[r]--;
                        lock.notifyAll(); // calls of worse ranks held back for this one look again
                        return;
                    }
                }
                sleeper.sleep(wait);
            }
        } catch (InterruptedException | RuntimeException e) {
            synchronized (lock) {
                waiting[r]--;
                lock.notifyAll();
            }
            throw e;
        }
    }

    public void release() {
        synchronized (lock) {
            inFlight = Math.max(0, inFlight - 1);
            lock.notifyAll();
        }
    }

    /** Calls of each rank waiting now (for tests and the status). */
    public int waiting(int rank) {
        synchronized (lock) {
            return waiting[rank];
        }
    }

    private boolean betterWaiting(int rank) {
        for (int better = 0; better < rank; better++) {
            if (waiting[better] > 0) {
                return true;
            }
        }
        return false;
    }

    /** Records a start now and answers 0, or answers how many nanoseconds to wait before asking again. Under the lock. */
    private long tryStart() {
        if (perWindow <= 0) {
            return 0;
        }
        long now = clock.getAsLong();
        while (!starts.isEmpty() && now - starts.peekFirst() >= windowNanos) {
            starts.pollFirst();
        }
        if (starts.size() < perWindow) {
            starts.addLast(now);
            return 0;
        }
        return Math.max(windowNanos - (now - starts.peekFirst()), 1_000_000);
    }
}
