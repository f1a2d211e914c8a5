package io.denoiser.testkit;

import io.denoiser.schemas.records.Reconstruction;

/** Entry point of the kit's assertions: {@code DenoiserAssertions.assertThat(reconstruction).hasPsnrAtLeast(18)}. */
public final class DenoiserAssertions {

    private DenoiserAssertions() {}

    public static ReconstructionAssert assertThat(Reconstruction reconstruction) {
        return new ReconstructionAssert(reconstruction);
    }
}
