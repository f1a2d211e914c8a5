package io.denoiser.stream.inference;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run the app's model calls, shared by all tasks of all stream threads. Why not the stream thread
 * itself: a stream thread waiting for its model call does no Kafka work, and a task's calls are one at a time, so
 * the calls of the other tasks (other partitions) run at once here, each on its own core, while the stream thread
 * reads, buffers and publishes (docs/BENCHMARKS.md, "The Kafka path against the model", has the measurements).
 */
public final class ModelCallThreads implements AutoCloseable {

    /** Runs each call at once on the caller's thread: the batcher as it was, for tests that need no concurrency. */
    public static final ModelCallThreads CALLER = new ModelCallThreads(Runnable::run, null, 1);

    private final Executor executor;
    private final ExecutorService owned;
    private final int threads;

    private ModelCallThreads(Executor executor, ExecutorService owned, int threads) {
        this.executor = executor;
        this.owned = owned;
        this.threads = threads;
    }

    /**
     * Starts the threads.
     *
     * @param threads how many model calls may run at once, at least 1; daemon threads, so a call that never
     *                returns cannot keep the process alive
     */
    public static ModelCallThreads start(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "denoiser-model-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return new ModelCallThreads(pool, pool, threads);
    }

    public Executor executor() {
        return executor;
    }

    /** How many model calls may run at once. */
    public int threads() {
        return threads;
    }

    /** Lets the calls that run finish, within a few seconds; call after the streams have closed. */
    @Override
    public void close() {
        if (owned == null) {
            return;
        }
        owned.shutdown();
        try {
            if (!owned.awaitTermination(10, TimeUnit.SECONDS)) {
                owned.shutdownNow();
            }
        } catch (InterruptedException e) {
            owned.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
