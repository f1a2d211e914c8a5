package io.denoiser.stream.inference;

/**
 * One batch's hold on the model that serves it (see {@link LiveModel#lease}): while the lease is open the model is
 * not closed, even when a newer one has replaced it. Not thread-safe; close exactly once (further closes do
 * nothing).
 */
public final class ModelLease implements AutoCloseable {

    private final LiveModel.Generation generation;
    private boolean released;

    ModelLease(LiveModel.Generation generation) {
        this.generation = generation;
    }

    public String version() {
        return generation.model.version();
    }

    /** 1 for the first model that served, one more for each swap. */
    public long generation() {
        return generation.number;
    }

    public ServingModel model() {
        return generation.model;
    }

    @Override
    public void close() {
        if (!released) {
            released = true;
            generation.release();
        }
    }
}
