package org.leadsync.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the batches of one call of a connector (a page's writes, a long id list) at most `parallelism` at a time
 * (docs/sync-rules.md R21, Concurrency), and answers only when every batch sent has answered: the page's commit
 * waits for all of them, so its write-ahead intents stay true (R6). After a failure no further batch is started;
 * the ones in flight are awaited and the first failure (in batch order) is thrown as it was. The connector's
 * {@link CallPacer} still bounds the calls in flight and per window, so this only decides how many may wait there.
 */
public final class ParallelBatches {

    private final Executor executor;
    private final int parallelism;

    public ParallelBatches(Executor executor, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.executor = executor;
        this.parallelism = parallelism;
    }

    public int parallelism() {
        return parallelism;
    }

    /** Runs every batch and answers their results in the order of `batches`. */
    public <T> List<T> run(List<? extends Callable<T>> batches) {
        if (batches.size() <= 1 || parallelism == 1) {
            List<T> results = new ArrayList<>(batches.size());
            for (Callable<T> batch : batches) {
                results.add(call(batch));
            }
            return results;
        }
        Semaphore slots = new Semaphore(parallelism);
        AtomicBoolean failed = new AtomicBoolean();
        List<CompletableFuture<T>> sent = new ArrayList<>(batches.size());
        RuntimeException stop = null;
        for (Callable<T> batch : batches) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = new IllegalStateException("Interrupted while sending batches", e);
                break;
            }
            if (failed.get()) {
                slots.release();
                break; // the call fails anyway: spend no more vendor calls on it
            }
            sent.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return call(batch);
                } catch (RuntimeException | Error e) {
                    failed.set(true); // before the slot is released, so the loop sees it
                    throw e;
                } finally {
                    slots.release();
                }
            }, executor));
        }
        List<T> results = new ArrayList<>(sent.size());
        RuntimeException first = null;
        Error fatal = null;
        for (CompletableFuture<T> future : sent) {
            try {
                results.add(future.join());
            } catch (CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (cause instanceof Error error) {
                    fatal = fatal == null ? error : fatal;
                } else if (first == null) {
                    first = cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                }
            }
        }
        if (fatal != null) {
            throw fatal;
        }
        if (first != null) {
            throw first;
        }
        if (stop != null) {
            throw stop;
        }
        return results;
    }

    private static <T> T call(Callable<T> batch) {
        try {
            return batch.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
