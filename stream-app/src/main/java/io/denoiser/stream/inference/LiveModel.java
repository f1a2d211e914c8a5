package io.denoiser.stream.inference;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model that serves now, and the one place a new model goes live. Every batch {@linkplain #lease leases} the
 * model at its start and releases it at its end, so a swap happens between batches, never inside one: a batch in
 * progress finishes on the model it started with.
 *
 * <p>Contracts:
 * <ul>
 *   <li><b>Monotonic.</b> Each accepted model gets the next generation number; {@link #lease} only ever returns
 *       the newest generation at the time of the call, so a thread that leases twice never gets an older
 *       generation the second time. A task's batches are flushed one after another on its stream thread, so
 *       within an input partition, once an image is served by a new model no later image is served by an old one.
 *       A rollback is a new generation too (of an earlier version).
 *   <li><b>Reference-counted.</b> The holder owns one reference to the current generation, each open lease one
 *       more. A replaced generation's {@link ServingModel} (its ONNX Runtime session) is closed when its last batch
 *       releases it, or at once by {@link #swapTo} when no batch uses it: old sessions do not pile up.
 * </ul>
 * Thread-safe: stream threads lease, one swapping thread (or any number; swaps are serialised) swaps.
 */
public final class LiveModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveModel.class);

    private final Object swaps = new Object();
    private volatile Generation current;
    private volatile boolean closed;

    /** @param first the model that serves until the first swap; owned from now on (closed by this holder) */
    public LiveModel(ServingModel first) {
        current = new Generation(Objects.requireNonNull(first, "first"), 1);
    }

    /**
     * The model that serves now, for one batch; close the lease when the batch is done.
     *
     * @throws IllegalStateException after {@link #close}
     */
    public ModelLease lease() {
        while (true) {
            Generation serving = current;
            if (serving.retain()) {
                return new ModelLease(serving);
            }
            // swapped and released between the read and the retain: the newer one is in current by now
            if (closed) {
                throw new IllegalStateException("the live model is closed: no model serves any more");
            }
        }
    }

    /**
     * Makes {@code next} the model of every batch that starts from now on. The replaced model is closed once its
     * last batch ends.
     *
     * @param next a verified model, owned from now on
     * @return the generation number of {@code next}
     * @throws IllegalStateException after {@link #close} (then {@code next} is closed)
     */
    public long swapTo(ServingModel next) {
        Objects.requireNonNull(next, "next");
        Generation replaced;
        Generation accepted;
        synchronized (swaps) {
            if (closed) {
                next.close();
                throw new IllegalStateException("the live model is closed: " + next.version() + " cannot serve");
            }
            replaced = current;
            accepted = new Generation(next, replaced.number + 1);
            current = accepted;
        }
        replaced.release();
        return accepted.number;
    }

    /** The version that serves now (written into every reconstruction of the batches that start now). */
    public String version() {
        return current.model.version();
    }

    /** What runs the model that serves now, e.g. {@code onnxruntime}. */
    public String runtime() {
        return current.model.runtime();
    }

    /** The generation that serves now: 1 for the first model, one more for each swap. */
    public long generation() {
        return current.number;
    }

    /**
     * Releases the holder's reference to the current model: it is closed now, or when the last batch still using
     * it ends. Call once the streams have stopped. Idempotent.
     */
    @Override
    public void close() {
        Generation last;
        synchronized (swaps) {
            if (closed) {
                return;
            }
            closed = true;
            last = current;
        }
        last.release();
    }

    /** One accepted model and the count of those who still use it. */
    static final class Generation {

        final ServingModel model;
        final long number;
        private final AtomicInteger references = new AtomicInteger(1); // the holder's

        Generation(ServingModel model, long number) {
            this.model = model;
            this.number = number;
        }

        /** Takes a reference, unless the last one is gone (the model is closed or closing). */
        boolean retain() {
            while (true) {
                int count = references.get();
                if (count == 0) {
                    return false;
                }
                if (references.compareAndSet(count, count + 1)) {
                    return true;
                }
            }
        }

        void release() {
            int left = references.decrementAndGet();
            if (left == 0) {
                closeModel();
            } else if (left < 0) {
                throw new IllegalStateException("model " + model.version() + " released more often than retained");
            }
        }

        int references() {
            return references.get();
        }

        private void closeModel() {
            try {
                model.close();
                LOG.info("closed model {} (generation {}) after its last batch", model.version(), number);
            } catch (RuntimeException e) {
                LOG.warn("model {} (generation {}) did not close cleanly: {}", model.version(), number, e.getMessage());
            }
        }
    }
}
