package io.denoiser.stream.inference;

import io.denoiser.model.inference.Denoiser;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A model ready to serve: its version (for the reconstructions) and a factory of {@link Denoiser}s, one per
 * stream task, each independent of the others.
 */
public record ServingModel(String version, Supplier<Denoiser> denoisers) {

    public ServingModel {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(denoisers, "denoisers");
    }
}
