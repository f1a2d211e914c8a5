package io.denoiser.stream.health;

import java.util.Objects;

/**
 * What the data path tells the rest of the app about its health, shared by every stream task of the instance:
 * whether the model was judged broken. Made once per app by whoever builds the topology, and kept for whoever
 * reports health. Thread-safe.
 */
public record ServingHealth(ModelHealth model) {

    public ServingHealth {
        Objects.requireNonNull(model, "model");
    }

    /** Healthy so far. */
    public static ServingHealth create() {
        return new ServingHealth(new ModelHealth());
    }
}
