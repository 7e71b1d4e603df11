package org.leadsync.sandbox;

import java.time.Duration;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * How long an emulated vendor takes to answer one call (docs/sandbox.md, Latency): a log-normal distribution
 * given by its median and its 99th percentile, as measured latencies of SaaS APIs are shaped (a long right tail).
 * A median of zero is no latency at all. The pause is taken while the call counts as in flight, so a client
 * that waits for each answer before the next call sees the vendor's concurrency limit matter.
 */
public final class CallLatency {

    /** The 99th percentile of the standard normal distribution. */
    private static final double Z99 = 2.3263478740;

    /** No answer takes longer than this many times the p99: a bound on a heavy tail's worst sample. */
    private static final double CAP = 5;

    public static final CallLatency NONE = new CallLatency(0, 0, () -> 0);

    private final double medianMillis;
    private final double sigma;
    private final DoubleSupplier gaussian;

    private CallLatency(double medianMillis, double sigma, DoubleSupplier gaussian) {
        this.medianMillis = medianMillis;
        this.sigma = sigma;
        this.gaussian = gaussian;
    }

    /** The distribution with median `p50` and 99th percentile `p99` (at least p50), drawing from `random`. */
    public static CallLatency of(Duration p50, Duration p99, Random random) {
        if (p50 == null || p50.isZero() || p50.isNegative()) {
            return NONE;
        }
        Duration tail = p99 == null || p99.compareTo(p50) < 0 ? p50 : p99;
        double sigma = Math.log((double) tail.toNanos() / p50.toNanos()) / Z99;
        Random source = random == null ? new Random() : random;
        return new CallLatency(p50.toNanos() / 1e6, sigma, () -> {
            synchronized (source) {
                return source.nextGaussian();
            }
        });
    }

    public boolean off() {
        return medianMillis == 0;
    }

    /** One call's latency. */
    public Duration sample() {
        if (off()) {
            return Duration.ZERO;
        }
        double millis = medianMillis * Math.exp(sigma * gaussian.getAsDouble());
        double cap = medianMillis * Math.exp(sigma * Z99) * CAP;
        return Duration.ofNanos((long) (Math.min(millis, cap) * 1e6));
    }

    /** Holds the calling thread for one call's latency; an interrupt ends the pause early and stays set. */
    public void pause() {
        if (off()) {
            return;
        }
        try {
            Thread.sleep(sample().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
