package io.denoiser.schemas.image;

import static io.denoiser.schemas.fixtures.Rejections.assertRejected;
import static io.denoiser.schemas.fixtures.TestData.aNoisyImage;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.schemas.validation.RecordLimits;
import org.junit.jupiter.api.Test;

class NoisyImageAdmissionTest {

    private static final RecordLimits SMALL_LIMITS = new RecordLimits(8, 6, 100);

    private final NoisyImageAdmission admission = new NoisyImageAdmission(SMALL_LIMITS);

    @Test
    void shouldAdmitImageExactlyAtTheLimits() {
        NoisyImage largest = aNoisyImage()
                .size(SMALL_LIMITS.maxWidth(), SMALL_LIMITS.maxHeight())
                .build();

        assertThatCode(() -> admission.check(largest)).doesNotThrowAnyException();
    }

    @Test
    void shouldRejectWidthAboveTheLimitAsTooLarge() {
        NoisyImage wide = aNoisyImage().size(SMALL_LIMITS.maxWidth() + 1, 1).build();

        assertRejected(() -> admission.check(wide), ReasonCode.TOO_LARGE, "width");
    }

    @Test
    void shouldRejectHeightAboveTheLimitAsTooLarge() {
        NoisyImage tall = aNoisyImage().size(1, SMALL_LIMITS.maxHeight() + 1).build();

        assertRejected(() -> admission.check(tall), ReasonCode.TOO_LARGE, "height");
    }

    @Test
    void shouldRejectDataLongerThanTheMaximumEncodedSizeAsTooLarge() {
        NoisyImage bulky = aNoisyImage()
                .data("A".repeat(SMALL_LIMITS.maxEncodedBytes() + 1))
                .build();

        assertRejected(() -> admission.check(bulky), ReasonCode.TOO_LARGE, "data");
    }

    @Test
    void shouldRejectReferenceLongerThanTheMaximumEncodedSizeAsTooLarge() {
        NoisyImage bulky = aNoisyImage()
                .reference("A".repeat(SMALL_LIMITS.maxEncodedBytes() + 1))
                .build();

        assertRejected(() -> admission.check(bulky), ReasonCode.TOO_LARGE, "reference");
    }

    @Test
    void shouldRejectColourImagesAsUnsupportedShape() {
        NoisyImage colour = aNoisyImage().channels(3).build();

        assertRejected(() -> admission.check(colour), ReasonCode.UNSUPPORTED_SHAPE, "channels");
    }

    @Test
    void shouldReportAnUnsupportedShapeBeforeAnySizeProblem() {
        NoisyImage wideColour =
                aNoisyImage().size(SMALL_LIMITS.maxWidth() + 1, 1).channels(3).build();

        assertRejected(() -> admission.check(wideColour), ReasonCode.UNSUPPORTED_SHAPE, "channels");
    }
}
