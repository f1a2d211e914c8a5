package com.example.pipeline;

import static io.denoiser.testkit.DenoiserAssertions.assertThat;

import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.testkit.DenoiserExtension;
import io.denoiser.testkit.MnistDigits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MyPipelineTest {

    @RegisterExtension
    static DenoiserExtension denoiser = DenoiserExtension.embedded();

    @Test
    void denoisesADigit() {
        // start your pipeline on denoiser.bootstrapServers() and denoiser.topics().output() here
        denoiser.publish("digit-7", MnistDigits.first(1).get(0)); // adds Gaussian noise, keeps the clean reference

        Reconstruction reconstruction = denoiser.awaitReconstruction("digit-7");

        assertThat(reconstruction).hasPsnrAtLeast(15.0).wasMadeBy(denoiser.modelVersion());
    }
}
