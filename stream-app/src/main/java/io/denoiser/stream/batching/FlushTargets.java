package io.denoiser.stream.batching;

import java.util.Objects;

/**
 * The nodes a flush forwards to.
 *
 * @param denoisedNode   receives {@code Reconstruction} values
 * @param deadLetterNode receives {@code DeadLetter} values
 */
public record FlushTargets(String denoisedNode, String deadLetterNode) {

    public FlushTargets {
        Objects.requireNonNull(denoisedNode, "denoisedNode");
        Objects.requireNonNull(deadLetterNode, "deadLetterNode");
    }
}
