package io.denoiser.stream.health;

import java.time.Duration;
import java.util.Objects;

/**
 * What the data path tells the rest of the app about its health, shared by every stream task of the instance:
 * whether the model was judged broken (for readiness), and whether the data path is stalled (for liveness). Made
 * once per app by whoever builds the topology, and kept for whoever reports health. Thread-safe.
 */
public record ServingHealth(ModelHealth model, StallWatch stalls) {

    public ServingHealth {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(stalls, "stalls");
    }

    /** Healthy so far, on the system clock. */
    public static ServingHealth create(Duration stallTimeout) {
        return new ServingHealth(new ModelHealth(), new StallWatch(stallTimeout, System::currentTimeMillis));
    }
}
