package io.denoiser.tools;

import io.denoiser.schemas.records.Reconstruction;

/**
 * A reconstruction as a client received it.
 *
 * @param latencyMillis from the noisy image's timestamp (set by its producer) to its reception here;
 *                      meaningful when both clocks are the same machine's, as in the demo
 */
public record ReceivedReconstruction(Reconstruction value, int partition, long offset, long latencyMillis) {}
