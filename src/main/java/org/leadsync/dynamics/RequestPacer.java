package org.leadsync.dynamics;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * Keeps LeadSync below Dynamics' service protection limits (R21) instead of running into them:
 * at most `perWindow` request starts in any sliding `window`, at most `maxConcurrent` in flight.
 */
public final class RequestPacer {

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

    public RequestPacer(int perWindow, Duration window, int maxConcurrent) {
        this(perWindow, window, maxConcurrent, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    public RequestPacer(int perWindow, Duration window, int maxConcurrent, LongSupplier clock, Sleeper sleeper) {
        this.perWindow = perWindow;
        this.windowNanos = window.toNanos();
        this.slots = new Semaphore(Math.max(1, maxConcurrent), true);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Blocks until a request may start; pair with {@link #release()}. */
    public void acquire() throws InterruptedException {
        slots.acquire();
        try {
            while (true) {
                long wait;
                synchronized (starts) {
                    long now = clock.getAsLong();
                    while (!starts.isEmpty() && now - starts.peekFirst() >= windowNanos) {
                        starts.pollFirst();
                    }
                    if (perWindow <= 0 || starts.size() < perWindow) {
                        starts.addLast(now);
                        return;
                    }
                    wait = windowNanos - (now - starts.peekFirst());
                }
                sleeper.sleep(Math.max(wait, 1_000_000));
            }
        } catch (InterruptedException | RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    public void release() {
        slots.release();
    }
}
