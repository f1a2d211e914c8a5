package io.denoiser.stream.health;

/**
 * One stream task's progress, as its micro-batcher reports it: since when images have waited without a batch of
 * the task completing, and how many wait. Written by the task's stream thread, read by the {@link StallWatch}'s
 * thread: thread-safe.
 */
public final class TaskProgress {

    private static final long IDLE = Long.MIN_VALUE;

    private final String task;
    private final StallWatch watch;
    private volatile long waitingSince = IDLE;
    private volatile int waiting;

    TaskProgress(String task, StallWatch watch) {
        this.task = task;
        this.watch = watch;
    }

    /** Images wait now (after one arrived, or the task resumed with a restored buffer). */
    public void imagesWaiting(int count) {
        waiting = count;
        if (count > 0 && waitingSince == IDLE) {
            waitingSince = watch.now();
        }
    }

    /** A batch was denoised and published; {@code stillWaiting} images are left. */
    public void batchCompleted(int stillWaiting) {
        long now = watch.now();
        watch.batchCompleted(now);
        waiting = stillWaiting;
        waitingSince = stillWaiting > 0 ? now : IDLE;
    }

    String task() {
        return task;
    }

    int waiting() {
        return waiting;
    }

    /** How long images have waited without a batch completing at {@code now}; 0 when none waits. */
    long waitedAt(long now) {
        long since = waitingSince;
        return since == IDLE ? 0 : Math.max(0, now - since);
    }
}
