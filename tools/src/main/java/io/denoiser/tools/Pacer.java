package io.denoiser.tools;

import java.util.concurrent.locks.LockSupport;

/**
 * Spaces events at a fixed rate: the {@code i}-th may start {@code i / rate} seconds after the first,
 * so a slow moment is caught up rather than lowering the average. Rate 0 means no limit.
 */
public final class Pacer {

    private final double perSecond;
    private long startNanos = -1;

    public Pacer(double perSecond) {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0 per second, got " + perSecond);
        }
        this.perSecond = perSecond;
    }

    /** Waits until event {@code index} (counting from 0) is due. */
    public void awaitTurn(long index) {
        long now = System.nanoTime();
        if (startNanos < 0) {
            startNanos = now;
        }
        if (perSecond == 0) {
            return;
        }
        long due = startNanos + (long) (index * 1e9 / perSecond);
        while ((now = System.nanoTime()) < due) {
            LockSupport.parkNanos(due - now);
        }
    }
}
