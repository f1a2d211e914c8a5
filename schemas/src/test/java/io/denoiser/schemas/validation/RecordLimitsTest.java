package io.denoiser.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class RecordLimitsTest {

    @Test
    void shouldByDefaultAdmitTheLargestImageAtFullSizeInAnyChannelCount() {
        RecordLimits defaults = RecordLimits.defaults();
        int largestRawImage = defaults.maxWidth() * defaults.maxHeight() * 3;

        int itsBase64Length = Base64.getEncoder().encode(new byte[largestRawImage]).length;

        assertThat(itsBase64Length).isLessThanOrEqualTo(defaults.maxEncodedBytes());
    }

    @Test
    void shouldRejectWidthLimitBelowOne() {
        assertThatThrownBy(() -> new RecordLimits(0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxWidth");
    }

    @Test
    void shouldRejectHeightLimitBelowOne() {
        assertThatThrownBy(() -> new RecordLimits(1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxHeight");
    }

    @Test
    void shouldRejectEncodedSizeLimitBelowOne() {
        assertThatThrownBy(() -> new RecordLimits(1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxEncodedBytes");
    }
}
