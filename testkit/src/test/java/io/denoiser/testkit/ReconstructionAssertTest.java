package io.denoiser.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.schemas.records.ImageEncoding;
import io.denoiser.schemas.records.Reconstruction;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ReconstructionAssertTest {

    private static Reconstruction reconstruction(Double psnr) {
        String pixels = Base64.getEncoder().encodeToString(new byte[4]);
        return new Reconstruction(
                "img", 2, 2, ImageEncoding.RAW_U8, pixels, "model@1", 1L, 2L, 1, psnr, psnr == null ? null : 0.9);
    }

    @Test
    void shouldPassAnImageAtOrAboveThePsnr() {
        assertThatCode(() -> DenoiserAssertions.assertThat(reconstruction(20.0))
                        .hasPsnrAtLeast(20.0)
                        .hasId("img")
                        .hasSize(2, 2)
                        .wasMadeBy("model@1"))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldFailAnImageBelowThePsnrNamingBothFigures() {
        assertThatThrownBy(() ->
                        DenoiserAssertions.assertThat(reconstruction(14.5)).hasPsnrAtLeast(18))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("at least 18.00 dB, but it has 14.50 dB");
    }

    @Test
    void shouldFailAnImageWithoutAReferenceSayingWhy() {
        assertThatThrownBy(() ->
                        DenoiserAssertions.assertThat(reconstruction(null)).hasPsnrAtLeast(18))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("published without a clean reference");
    }

    @Test
    void shouldFailAnotherModelVersionOrSize() {
        assertThatThrownBy(() ->
                        DenoiserAssertions.assertThat(reconstruction(20.0)).wasMadeBy("model@2"))
                .hasMessageContaining("made by model model@2, but it was made by model@1");
        assertThatThrownBy(() ->
                        DenoiserAssertions.assertThat(reconstruction(20.0)).hasSize(28, 28))
                .hasMessageContaining("to be 28x28, but it is 2x2");
    }
}
