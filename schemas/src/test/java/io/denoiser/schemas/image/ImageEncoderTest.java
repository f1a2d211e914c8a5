package io.denoiser.schemas.image;

import static io.denoiser.schemas.fixtures.TestData.gradient;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.records.ImageEncoding;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageEncoderTest {

    private static final DecodedImage IMAGE = gradient(7, 5);

    @ParameterizedTest
    @EnumSource(ImageEncoding.class)
    void shouldEncodeImagesThatDecodeBackUnchanged(ImageEncoding encoding) {
        String encoded = ImageEncoder.encode(IMAGE, encoding);

        assertThat(ImageDecoder.decode(encoding, encoded, IMAGE.width(), IMAGE.height(), "data"))
                .isEqualTo(IMAGE);
    }

    @Test
    void shouldWriteRawU8AsTheGreyLevelsThemselves() {
        String encoded = ImageEncoder.encode(IMAGE, ImageEncoding.RAW_U8);

        assertThat(Base64.getDecoder().decode(encoded)).isEqualTo(IMAGE.pixels());
    }

    @Test
    void shouldWriteAnEightBitGreyPngThatAnyReaderOpens() throws IOException {
        byte[] png = Base64.getDecoder().decode(ImageEncoder.encode(IMAGE, ImageEncoding.PNG));

        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));

        assertThat(read.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(read.getWidth()).isEqualTo(IMAGE.width());
        assertThat(read.getHeight()).isEqualTo(IMAGE.height());
    }
}
