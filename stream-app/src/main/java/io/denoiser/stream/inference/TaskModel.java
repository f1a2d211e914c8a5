package io.denoiser.stream.inference;

import io.denoiser.model.inference.Denoiser;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream task's side of the {@link LiveModel}: at the start of each batch it leases the model that serves now,
 * and when that is a new one, closes its denoiser of the old model (a network copy, or a view of a shared session)
 * and makes one of the new. Every reconstruction of the batch is made by, and carries the version of, the one model
 * the batch leased. Not thread-safe: one per task, used by one batch at a time (on a model-call thread, each batch
 * handed over by the task's stream thread).
 */
public final class TaskModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskModel.class);

    private final LiveModel live;
    private final String task;
    private final UnaryOperator<Denoiser> decorate;
    private long generation;
    private String version;
    private Denoiser denoiser;
    private Reconstructions reconstructions;

    private TaskModel(LiveModel live, String task, UnaryOperator<Denoiser> decorate) {
        this.live = Objects.requireNonNull(live, "live");
        this.task = Objects.requireNonNull(task, "task");
        this.decorate = Objects.requireNonNull(decorate, "decorate");
    }

    /** Opens the task's model on what serves now, so that a model that cannot make a denoiser fails the task now. */
    public static TaskModel open(LiveModel live, String task) {
        return open(live, task, UnaryOperator.identity());
    }

    /**
     * Opens the task's model as {@link #open(LiveModel, String)} does, each denoiser it makes (one per model it
     * serves) wrapped by {@code decorate}, e.g. to time its calls.
     */
    public static TaskModel open(LiveModel live, String task, UnaryOperator<Denoiser> decorate) {
        TaskModel model = new TaskModel(live, task, decorate);
        try (ModelLease lease = live.lease()) {
            model.switchTo(lease);
        }
        return model;
    }

    /**
     * The model for one batch: close the returned flush when the batch has been denoised.
     *
     * @throws IllegalStateException if the live model returned an older generation than before (a broken promise)
     */
    public Flush startFlush() {
        ModelLease lease = live.lease();
        try {
            if (lease.generation() != generation) {
                if (lease.generation() < generation) {
                    throw new IllegalStateException("task " + task + " was served generation " + generation
                            + " and is now offered the older " + lease.generation());
                }
                String before = version;
                switchTo(lease);
                LOG.info("task {}: batches now served by model {} (was {})", task, version, before);
            }
            return new Flush(lease, denoiser, reconstructions);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** The version of this task's latest batch. */
    public String version() {
        return version;
    }

    private void switchTo(ModelLease lease) {
        closeDenoiser();
        denoiser = decorate.apply(lease.model().denoisers().get());
        generation = lease.generation();
        version = lease.version();
        reconstructions = new Reconstructions(version);
    }

    private void closeDenoiser() {
        if (denoiser != null) {
            Denoiser old = denoiser;
            denoiser = null;
            old.close();
        }
    }

    @Override
    public void close() {
        closeDenoiser();
    }

    /** A batch's model: its denoiser and what makes its reconstructions, valid until {@link #close}. */
    public record Flush(ModelLease lease, Denoiser denoiser, Reconstructions reconstructions) implements AutoCloseable {

        public String version() {
            return lease.version();
        }

        @Override
        public void close() {
            lease.close();
        }
    }
}
