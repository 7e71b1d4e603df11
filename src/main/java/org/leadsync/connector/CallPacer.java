package org.leadsync.connector;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * Keeps LeadSync under a vendor's limits before the vendor has to say so (docs/sync-rules.md R21): at
 * most `perWindow` call starts in any sliding `window`, at most `maxConcurrent` in flight. A limit of 0
 * is off. One pacer for both connectors (Marketo: 20 s window; Dataverse: 5 min).
 */
public final class CallPacer {

    /** How the pacer waits; tests replace it to move a fake clock. */
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final int perWindow;
    private final long windowNanos;
    private final Semaphore slots;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();

    public CallPacer(int perWindow, Duration window, int maxConcurrent) {
        this(perWindow, window, maxConcurrent, System::nanoTime,
                nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    public CallPacer(int perWindow, Duration window, int maxConcurrent, LongSupplier clock, Sleeper sleeper) {
        this.perWindow = perWindow;
        this.windowNanos = window.toNanos();
        this.slots = maxConcurrent > 0 ? new Semaphore(maxConcurrent, true) : null;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Blocks until a call may start; pair with {@link #release()}. */
    public void acquire() throws InterruptedException {
        if (slots != null) {
            slots.acquire();
        }
        try {
            long wait;
            while ((wait = tryStart()) > 0) {
                sleeper.sleep(wait);
            }
        } catch (InterruptedException | RuntimeException e) {
            release();
            throw e;
        }
    }

    public void release() {
        if (slots != null) {
            slots.release();
        }
    }

    /** Records a start now and answers 0, or answers how many nanoseconds to wait before asking again. */
    private long tryStart() {
        synchronized (starts) {
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
}
