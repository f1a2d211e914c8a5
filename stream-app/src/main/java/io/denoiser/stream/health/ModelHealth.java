package io.denoiser.stream.health;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the served model has been judged broken, and why: set once by the stream thread that judged it (see
 * {@code ModelCalls}), read by anyone, such as a readiness endpoint. A broken model stops the instance rather than
 * turn the stream into dead letters; this holder says why after the fact. Thread-safe.
 */
public final class ModelHealth {

    private final AtomicReference<String> brokenReason = new AtomicReference<>();

    /** Records the judgement; the first reason stays, as later ones follow from it. */
    public void judgeBroken(String reason) {
        brokenReason.compareAndSet(null, reason);
    }

    public boolean broken() {
        return brokenReason.get() != null;
    }

    /** Why the model was judged broken; empty while it is not. */
    public Optional<String> brokenReason() {
        return Optional.ofNullable(brokenReason.get());
    }
}
