package io.denoiser.stream.health;

import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether the data path is stalled: images of some task have waited {@code stall.timeout.ms} without a batch
 * of that task completing. Why: nothing bounds a model call, and a hung native call leaves the app alive and
 * RUNNING while nothing flows; the stream thread cannot notice, as it is the one that hangs. So the micro-batchers
 * report their progress ({@link TaskProgress}) and another thread checks it ({@link #startWatching}), logging one WARN
 * line when a stall begins and one when batches complete again; {@link #stalled()} is for a liveness endpoint.
 * Thread-safe.
 */
public final class StallWatch {

    /** The name of the thread that runs the checks. */
    public static final String THREAD_NAME = "denoiser-stall-watch";

    private static final Logger LOG = LoggerFactory.getLogger(StallWatch.class);
    private static final long NEVER = Long.MIN_VALUE;
    private static final long MAX_CHECK_PERIOD_MS = 1_000;

    /** What a check found. */
    public enum Change {
        /** As before: flowing, or still stalled. */
        NONE,
        /** A stall began: its WARN line was logged. */
        STALLED,
        /** No image has waited too long any more: its line was logged. */
        RECOVERED
    }

    private final long timeoutMs;
    private final LongSupplier clock;
    private final ConcurrentMap<String, TaskProgress> tasks = new ConcurrentHashMap<>();
    private final AtomicLong lastCompletedBatch = new AtomicLong(NEVER);
    private volatile boolean stalled;
    private long stalledSince;

    /**
     * @param timeout how long images may wait without a batch completing ({@code stall.timeout.ms})
     * @param clock   epoch milliseconds; {@code System::currentTimeMillis} but in tests
     */
    public StallWatch(Duration timeout, LongSupplier clock) {
        this.timeoutMs = Objects.requireNonNull(timeout, "timeout").toMillis();
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 ms, got " + timeout);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The progress of a task that starts (or resumes) on this instance; replaces an earlier one of the same id. */
    public TaskProgress register(String task) {
        TaskProgress progress = new TaskProgress(task, this);
        tasks.put(task, progress);
        return progress;
    }

    /** A task that closes: its images are no longer this instance's to flush. */
    public void unregister(TaskProgress progress) {
        tasks.remove(progress.task(), progress);
    }

    /** Images waiting now in the buffers of every task of this instance. */
    public int waitingImages() {
        int waiting = 0;
        for (TaskProgress progress : tasks.values()) {
            waiting += progress.waiting();
        }
        return waiting;
    }

    /** Whether the last check found a stall. */
    public boolean stalled() {
        return stalled;
    }

    /** When a batch last completed on this instance, epoch ms; empty before the first. */
    public OptionalLong lastCompletedBatchAt() {
        long last = lastCompletedBatch.get();
        return last == NEVER ? OptionalLong.empty() : OptionalLong.of(last);
    }

    /** Looks at every task now, logging the start and the end of a stall once each. */
    public synchronized Change check() {
        long now = clock.getAsLong();
        Optional<TaskProgress> longest =
                tasks.values().stream().max(Comparator.comparingLong(progress -> progress.waitedAt(now)));
        boolean stalledNow = longest.isPresent() && longest.get().waitedAt(now) >= timeoutMs;
        if (stalledNow == stalled) {
            return Change.NONE;
        }
        stalled = stalledNow;
        if (stalledNow) {
            stalledSince = now - longest.get().waitedAt(now);
            LOG.warn(
                    "stalled: {} image(s) of task {} have waited {} s and no batch of theirs completed (stall.timeout.ms"
                            + " = {}); a model call or the stream thread may hang",
                    longest.get().waiting(),
                    longest.get().task(),
                    (now - stalledSince) / 1000,
                    timeoutMs);
            return Change.STALLED;
        }
        LOG.warn(
                "no longer stalled: no image has waited stall.timeout.ms without a batch completing, {} s after the"
                        + " stall began",
                (now - stalledSince) / 1000);
        return Change.RECOVERED;
    }

    /** A thread that checks for stalls, until closed. */
    public interface Watching extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Checks on a daemon thread of its own, every second or a quarter of the timeout if that is shorter, until
     * closed.
     */
    public Watching startWatching() {
        long period = Math.max(1, Math.min(MAX_CHECK_PERIOD_MS, timeoutMs / 4));
        ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        ScheduledFuture<?> scheduled =
                checks.scheduleWithFixedDelay(this::checkQuietly, period, period, TimeUnit.MILLISECONDS);
        return () -> {
            scheduled.cancel(false);
            checks.shutdownNow();
        };
    }

    long now() {
        return clock.getAsLong();
    }

    void batchCompleted(long now) {
        lastCompletedBatch.accumulateAndGet(now, Math::max);
    }

    /** A check that throws would end the scheduled checks silently. */
    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("cannot check for stalls: {}", e.toString());
        }
    }
}
