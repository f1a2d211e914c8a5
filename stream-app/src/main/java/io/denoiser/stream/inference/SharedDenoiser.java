package io.denoiser.stream.inference;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Denoiser;
import java.util.List;
import java.util.Objects;

/**
 * A task's view of a thread-safe denoiser that all tasks share: it denoises through the shared one, and its
 * {@link #close} does nothing, because a task that closes must not close the others' denoiser. The owner of
 * the shared denoiser closes it (see {@link ServingModel#close}).
 */
final class SharedDenoiser implements Denoiser {

    private final Denoiser shared;

    /** @param shared thread-safe, as its class documents */
    SharedDenoiser(Denoiser shared) {
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    @Override
    public List<GrayImage> denoise(List<GrayImage> noisy) {
        return shared.denoise(noisy);
    }

    @Override
    public String name() {
        return shared.name();
    }

    /** Leaves the shared denoiser open. */
    @Override
    public void close() {}
}
