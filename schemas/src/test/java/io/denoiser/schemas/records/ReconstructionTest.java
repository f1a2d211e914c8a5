package io.denoiser.schemas.records;

import static io.denoiser.schemas.fixtures.Rejections.assertRejected;
import static io.denoiser.schemas.fixtures.TestData.aReconstruction;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.validation.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReconstructionTest {

    @Test
    void shouldCarryQualityOnlyWhenBothPsnrAndSsimAreGiven() {
        assertThat(aReconstruction().build().hasQuality()).isTrue();
        assertThat(aReconstruction().withoutQuality().build().hasQuality()).isFalse();
    }

    @Test
    void shouldRejectPsnrWithoutSsim() {
        assertRejected(() -> aReconstruction().ssim(null).build(), ReasonCode.SCHEMA_VIOLATION, "ssim");
    }

    @Test
    void shouldRejectSsimWithoutPsnr() {
        assertRejected(() -> aReconstruction().psnr(null).build(), ReasonCode.SCHEMA_VIOLATION, "psnr");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NaN, -0.5})
    void shouldRejectPsnrThatIsNotAFiniteNonNegativeNumber(double psnr) {
        assertRejected(() -> aReconstruction().psnr(psnr).build(), ReasonCode.SCHEMA_VIOLATION, "psnr");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.01, 1.01, Double.NaN})
    void shouldRejectSsimOutsideMinusOneToOne(double ssim) {
        assertRejected(() -> aReconstruction().ssim(ssim).build(), ReasonCode.SCHEMA_VIOLATION, "ssim");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, 1})
    void shouldAcceptSsimAtItsBounds(double ssim) {
        assertThat(aReconstruction().ssim(ssim).build().ssim()).isEqualTo(ssim);
    }

    @Test
    void shouldRejectBatchSizeBelowOne() {
        assertRejected(() -> aReconstruction().batchSize(0).build(), ReasonCode.SCHEMA_VIOLATION, "batchSize");
    }

    @Test
    void shouldRejectEmptyModelVersion() {
        assertRejected(() -> aReconstruction().modelVersion("").build(), ReasonCode.SCHEMA_VIOLATION, "modelVersion");
    }

    @Test
    void shouldRejectInputTimestampBeforeTheEpoch() {
        assertRejected(
                () -> aReconstruction().inputTimestamp(-1).build(), ReasonCode.SCHEMA_VIOLATION, "inputTimestamp");
    }
}
