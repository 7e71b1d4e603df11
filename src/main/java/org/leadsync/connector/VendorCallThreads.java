package org.leadsync.connector;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads the connectors send parallel batches on ({@link ParallelBatches}): container-managed threads from
 * the default ManagedThreadFactory, created as needed and not shared with the flow actions' managed executor,
 * whose small pool would otherwise cap the parallelism (docs/sync-rules.md R21, Concurrency).
 */
@ApplicationScoped
public class VendorCallThreads {

    /** More than both vendors' concurrent limits together (10 + 52): a batch never queues here. */
    private static final int MAX_THREADS = 64;

    @Resource
    ManagedThreadFactory threadFactory;

    private ExecutorService pool;

    @PostConstruct
    void start() {
        pool = new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threadFactory,
                new ThreadPoolExecutor.CallerRunsPolicy());
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** Batches at most `parallelism` at a time on these threads. */
    public ParallelBatches upTo(int parallelism) {
        return new ParallelBatches(pool, parallelism);
    }
}
