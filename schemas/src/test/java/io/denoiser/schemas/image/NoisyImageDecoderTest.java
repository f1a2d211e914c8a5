package io.denoiser.schemas.image;

import static io.denoiser.schemas.fixtures.Rejections.assertRejected;
import static io.denoiser.schemas.fixtures.TestData.aNoisyImage;
import static io.denoiser.schemas.fixtures.TestData.gradient;
import static io.denoiser.schemas.fixtures.TestData.pngBase64;
import static io.denoiser.schemas.fixtures.TestData.rawBase64;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.records.ImageEncoding;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.schemas.validation.RecordLimits;
import org.junit.jupiter.api.Test;

class NoisyImageDecoderTest {

    private final NoisyImageDecoder decoder = new NoisyImageDecoder(RecordLimits.defaults());

    @Test
    void shouldDecodeTheNoisyImage() {
        DecodedImage noisy = gradient(6, 4);
        NoisyImage image = aNoisyImage()
                .size(6, 4)
                .encoding(ImageEncoding.PNG)
                .data(pngBase64(noisy))
                .build();

        assertThat(decoder.decodeData(image)).isEqualTo(noisy);
    }

    @Test
    void shouldDecodeTheReferenceWhenThereIsOne() {
        DecodedImage clean = gradient(4, 4);
        NoisyImage image = aNoisyImage().reference(rawBase64(clean)).build();

        assertThat(decoder.decodeReference(image)).contains(clean);
    }

    @Test
    void shouldFindNoReferenceWhenThereIsNone() {
        assertThat(decoder.decodeReference(aNoisyImage().build())).isEmpty();
    }

    @Test
    void shouldRejectAReferenceOfAnotherSizeNamingTheReference() {
        NoisyImage image = aNoisyImage().reference(rawBase64(gradient(4, 5))).build();

        assertRejected(() -> decoder.decodeReference(image), ReasonCode.SIZE_MISMATCH, "reference");
    }

    @Test
    void shouldCheckTheLimitsBeforeDecodingAnything() {
        NoisyImage hugeAndUndecodable = aNoisyImage()
                .width(RecordLimits.DEFAULT_MAX_SIDE + 1)
                .data("not base64!")
                .build();

        assertRejected(() -> decoder.decodeData(hugeAndUndecodable), ReasonCode.TOO_LARGE, "width");
    }

    @Test
    void shouldRejectColourImagesBeforeDecodingThem() {
        NoisyImage colour = aNoisyImage().channels(3).build();

        assertRejected(() -> decoder.decodeData(colour), ReasonCode.UNSUPPORTED_SHAPE, "channels");
    }

    @Test
    void shouldApplyTheLimitsItWasConfiguredWith() {
        NoisyImageDecoder strict = new NoisyImageDecoder(new RecordLimits(1024, 1024, 8));
        NoisyImage image = aNoisyImage().build();

        assertRejected(() -> strict.decodeData(image), ReasonCode.TOO_LARGE, "data");
    }
}
