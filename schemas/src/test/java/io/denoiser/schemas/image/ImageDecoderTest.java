package io.denoiser.schemas.image;

import static io.denoiser.schemas.fixtures.Rejections.assertRejected;
import static io.denoiser.schemas.fixtures.TestData.base64;
import static io.denoiser.schemas.fixtures.TestData.gradient;
import static io.denoiser.schemas.fixtures.TestData.pngBase64;
import static io.denoiser.schemas.fixtures.TestData.rawBase64;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.records.ImageEncoding;
import io.denoiser.schemas.validation.ReasonCode;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageDecoderTest {

    private static final DecodedImage IMAGE = gradient(5, 3);

    @Test
    void shouldDecodeRawU8IntoItsGreyLevels() {
        DecodedImage decoded = ImageDecoder.decode(ImageEncoding.RAW_U8, rawBase64(IMAGE), 5, 3, "data");

        assertThat(decoded).isEqualTo(IMAGE);
    }

    @Test
    void shouldDecodeAGreyPngIntoItsGreyLevels() {
        DecodedImage decoded = ImageDecoder.decode(ImageEncoding.PNG, pngBase64(IMAGE), 5, 3, "data");

        assertThat(decoded).isEqualTo(IMAGE);
    }

    @Test
    void shouldAcceptBase64WithoutPadding() {
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString(IMAGE.pixels());

        assertThat(ImageDecoder.decode(ImageEncoding.RAW_U8, unpadded, 5, 3, "data"))
                .isEqualTo(IMAGE);
    }

    @ParameterizedTest
    @EnumSource(ImageEncoding.class)
    void shouldRejectTextThatIsNotBase64AsBadEncoding(ImageEncoding encoding) {
        assertRejected(
                () -> ImageDecoder.decode(encoding, "not base64!", 5, 3, "data"), ReasonCode.BAD_ENCODING, "data");
    }

    @Test
    void shouldRejectImageWhoseDataDoesNotMatchDeclaredSize() {
        String oneByteShort = base64(Arrays.copyOf(IMAGE.pixels(), IMAGE.pixels().length - 1));

        assertRejected(
                () -> ImageDecoder.decode(ImageEncoding.RAW_U8, oneByteShort, 5, 3, "data"),
                ReasonCode.SIZE_MISMATCH,
                "data");
    }

    @Test
    void shouldRejectRawDataWithMoreBytesThanDeclared() {
        String oneByteLong = base64(Arrays.copyOf(IMAGE.pixels(), IMAGE.pixels().length + 1));

        assertRejected(
                () -> ImageDecoder.decode(ImageEncoding.RAW_U8, oneByteLong, 5, 3, "data"),
                ReasonCode.SIZE_MISMATCH,
                "data");
    }

    @Test
    void shouldCheckRawDataOnlyByItsByteCountSinceItHasNoHeader() {
        DecodedImage decoded = ImageDecoder.decode(ImageEncoding.RAW_U8, rawBase64(IMAGE), 3, 5, "data");

        assertThat(decoded.width()).isEqualTo(3);
        assertThat(decoded.pixels()).isEqualTo(IMAGE.pixels());
    }

    @Test
    void shouldRejectPngWhoseDimensionsDifferFromTheDeclaredOnes() {
        assertRejected(
                () -> ImageDecoder.decode(ImageEncoding.PNG, pngBase64(IMAGE), 3, 5, "data"),
                ReasonCode.SIZE_MISMATCH,
                "data");
    }

    @Test
    void shouldRejectBytesThatAreNotAPngAsBadEncoding() {
        assertRejected(
                () -> ImageDecoder.decode(ImageEncoding.PNG, rawBase64(IMAGE), 5, 3, "data"),
                ReasonCode.BAD_ENCODING,
                "data");
    }

    @Test
    void shouldRejectAPngCutOffInItsPixelDataAsBadEncoding() {
        byte[] png = Base64.getDecoder().decode(pngBase64(gradient(32, 32)));
        String truncated = base64(Arrays.copyOf(png, png.length / 2));

        assertRejected(
                () -> ImageDecoder.decode(ImageEncoding.PNG, truncated, 32, 32, "data"),
                ReasonCode.BAD_ENCODING,
                "data");
    }

    @Test
    void shouldNameTheFieldItWasAskedToDecode() {
        assertRejected(
                () -> ImageDecoder.decode(ImageEncoding.RAW_U8, "%%%", 5, 3, "reference"),
                ReasonCode.BAD_ENCODING,
                "reference");
    }
}
